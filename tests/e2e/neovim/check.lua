-- Replylint's language server in Neovim 0.7 (Debian 12's), a second real LSP client, started by
-- the README's own "Neovim 0.7 to 0.9" setup (runNeovim.mjs passes it as the init file):
--   nvim --headless -u init.lua -i NONE -n -c 'luafile check.lua' draft.reply
-- Waits for the client that setup attached to the buffer and for its diagnostics, asks for a
-- hover on the blame, applies the blame's first quick fix, types a thanks (an incremental
-- didChange, unlike VS Code's), applies "Fix all Replylint problems", and writes what it saw
-- as JSON to $REPLYLINT_NVIM_OUT. tests/e2e/runNeovim.mjs judges the result; this only observes.
-- vim.wait runs the event loop until its condition holds.
local out_path = os.getenv('REPLYLINT_NVIM_OUT')
local timeout_ms = tonumber(os.getenv('REPLYLINT_NVIM_TIMEOUT_MS') or '') or 15000

local result = { steps = {} }
local function write_result()
  local json = vim.fn.json_encode(result)
  if not out_path or out_path == '' then
    io.stdout:write(json, '\n')
    return
  end
  local file = assert(io.open(out_path, 'w'))
  file:write(json)
  file:close()
end

local function diagnostics(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(list, {
      line = d.lnum,
      col = d.col,
      end_line = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      source = d.source,
      code = d.code or lsp.code,
      message = d.message,
      -- What the server published, for code-action requests; 0.7 keeps it only sometimes, and
      -- the server finds its own diagnostic again from code and range when `data` is missing.
      lsp = next(lsp) and lsp or {
        range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
        severity = d.severity,
        source = d.source,
        code = d.code,
        message = d.message,
      },
    })
  end
  table.sort(list, function(a, b)
    return a.line < b.line or (a.line == b.line and a.col < b.col)
  end)
  return list
end

local function has_code(bufnr, code)
  for _, d in ipairs(diagnostics(bufnr)) do
    if d.code == code then return true end
  end
  return false
end

local function text_of(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end

local function strip(list)
  local out = {}
  for _, d in ipairs(list) do
    table.insert(out, { line = d.line, col = d.col, end_line = d.end_line, end_col = d.end_col, severity = d.severity, source = d.source, code = d.code, message = d.message })
  end
  return out
end

-- The code actions the server answers for a range, from the one client attached.
local function code_actions(bufnr, range, context)
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, range = range, context = context }
  local responses, request_error = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, timeout_ms)
  result.code_action_requests = result.code_action_requests or {}
  table.insert(result.code_action_requests, { params = params, responses = responses or {}, error = request_error })
  responses = responses or {}
  local actions = {}
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do table.insert(actions, action) end
  end
  return actions
end

-- Counts diagnostics notifications, so a step can wait for the lint of the text it just changed.
local published = 0
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(...)
  published = published + 1
  return publish(...)
end

local ok, err = pcall(function()
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype

  -- 0. The README's setup attached a client when the buffer got its filetype.
  local client
  vim.wait(timeout_ms, function()
    for _, candidate in pairs(vim.lsp.buf_get_clients(bufnr)) do client = candidate end
    return client ~= nil
  end, 20)
  assert(client, 'no LSP client attached to the reply: the README setup did not start one')
  result.client = { name = client.name, server = client.server_capabilities and true or false }

  -- 1. The first lint: wait for any published diagnostics.
  local first = vim.wait(timeout_ms, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
  result.steps.initial = { waited_ok = first, diagnostics = strip(diagnostics(bufnr)) }

  -- 2. A hover on the start of the blame ("you should have cleared").
  local blame
  for _, d in ipairs(diagnostics(bufnr)) do
    if d.code == 'no-blame' then blame = d end
  end
  assert(blame, 'no no-blame diagnostic to work on')
  local hover_params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = blame.line, character = blame.col + 2 },
  }
  local texts = {}
  for _, response in pairs(vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', hover_params, timeout_ms) or {}) do
    local contents = response.result and response.result.contents
    if type(contents) == 'table' then table.insert(texts, contents.value or vim.fn.json_encode(contents)) end
  end
  result.steps.hover = { text = table.concat(texts, '\n') }

  -- 3. The blame's quick fixes; the first is applied as a user picking it would.
  local range = { start = { line = blame.line, character = blame.col }, ['end'] = { line = blame.end_line, character = blame.end_col } }
  -- The diagnostics of the line as LSP ones, as 0.7's vim.lsp.buf.code_action() sends them.
  local line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics and vim.lsp.diagnostic.get_line_diagnostics(bufnr, blame.line) or { blame.lsp }
  local actions = code_actions(bufnr, range, { diagnostics = line_diagnostics })
  local titles = {}
  for _, action in ipairs(actions) do table.insert(titles, action.title) end
  local quick_fix
  for _, action in ipairs(actions) do
    local about = action.diagnostics and action.diagnostics[1] and action.diagnostics[1].code
    if action.kind == 'quickfix' and action.edit and about == 'no-blame' and not quick_fix then quick_fix = action end
  end
  assert(quick_fix, 'no quick fix with an edit for no-blame; got: ' .. table.concat(titles, ' | '))
  vim.lsp.util.apply_workspace_edit(quick_fix.edit, 'utf-16')
  local fixed = vim.wait(timeout_ms, function()
    return #vim.diagnostic.get(bufnr) > 0 and not has_code(bufnr, 'no-blame')
  end, 20)
  result.steps.quick_fix = { titles = titles, applied = quick_fix.title, waited_ok = fixed, text = text_of(bufnr), diagnostics = strip(diagnostics(bufnr)) }

  -- 4. Type a thanks before the first sentence of the body: require-thanks must go.
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  vim.api.nvim_buf_set_text(bufnr, blame.line, 0, blame.line, 0, { 'Thanks for sending the screenshots. ' })
  local relinted = vim.wait(timeout_ms, function()
    return #vim.diagnostic.get(bufnr) > 0 and not has_code(bufnr, 'require-thanks')
  end, 20)
  result.steps.after_edit = { waited_ok = relinted, diagnostics = strip(diagnostics(bufnr)) }

  -- 5. Fix all: the source.fixAll.replylint action over the whole reply, applied.
  local before = text_of(bufnr)
  local whole = { start = { line = 0, character = 0 }, ['end'] = { line = #lines, character = 0 } }
  local fix_all = code_actions(bufnr, whole, { diagnostics = {}, only = { 'source.fixAll.replylint' } })[1]
  assert(fix_all and fix_all.edit, 'no source.fixAll.replylint action with an edit')
  local seen = published
  vim.lsp.util.apply_workspace_edit(fix_all.edit, 'utf-16')
  -- Wait for the lint of the fixed text before reading what is left.
  local settled = vim.wait(timeout_ms, function() return published > seen end, 20)
  result.steps.fix_all = { title = fix_all.title, kind = fix_all.kind, before = before, after = text_of(bufnr), waited_ok = settled, diagnostics = strip(diagnostics(bufnr)) }

  vim.lsp.stop_client(client.id)
  result.stopped = vim.wait(5000, function() return client.is_stopped() end, 20)
end)

if not ok then result.error = tostring(err) end
write_result()
vim.cmd(ok and 'qall!' or 'cquit! 1')
