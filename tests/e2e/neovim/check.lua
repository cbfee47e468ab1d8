-- Replylint's language server in Neovim 0.7 (Debian 12's), a second real LSP client:
--   nvim --headless -u NONE -i NONE -n -c 'luafile check.lua' draft.reply
-- Starts `node dist/server.js --stdio` for the buffer, waits for its diagnostics, asks for a hover
-- on the blame, types a thanks (an incremental didChange, unlike VS Code's) and waits for the
-- re-lint, then writes what it saw as JSON to $REPLYLINT_NVIM_OUT. tests/e2e/runNeovim.mjs runs
-- it and judges the result; this script only observes. 0.7 has no vim.lsp.start, hence
-- start_client + buf_attach_client. vim.wait runs the event loop until its condition holds.
local server = assert(os.getenv('REPLYLINT_SERVER'), 'REPLYLINT_SERVER: path to dist/server.js')
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

local ok, err = pcall(function()
  local bufnr = vim.api.nvim_get_current_buf()
  local root = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h')
  local client_id = vim.lsp.start_client({
    name = 'replylint',
    cmd = { 'node', server, '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'fixtures' } },
    get_language_id = function() return 'service-script' end,
    on_exit = function(code, signal)
      result.server_exit = { code = code, signal = signal }
    end,
  })
  assert(client_id, 'vim.lsp.start_client returned nothing')
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- 1. The first lint: wait for any published diagnostics.
  local first = vim.wait(timeout_ms, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
  result.steps.initial = { waited_ok = first, diagnostics = diagnostics(bufnr) }

  -- 2. A hover on the start of the blame ("you should have cleared").
  local blame
  for _, d in ipairs(diagnostics(bufnr)) do
    if d.code == 'no-blame' then blame = d end
  end
  if blame then
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      position = { line = blame.line, character = blame.col + 2 },
    }
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, timeout_ms) or {}
    local texts = {}
    for _, response in pairs(responses) do
      local contents = response.result and response.result.contents
      if type(contents) == 'table' then table.insert(texts, contents.value or vim.fn.json_encode(contents)) end
    end
    result.steps.hover = { text = table.concat(texts, '\n') }
  end

  -- 3. Type a thanks before the first sentence of the body: require-thanks must go.
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for index, line in ipairs(lines) do
    if line:find('As I already said', 1, true) then
      vim.api.nvim_buf_set_text(bufnr, index - 1, 0, index - 1, 0, { 'Thanks for sending the screenshots. ' })
      break
    end
  end
  local relinted = vim.wait(timeout_ms, function()
    return #vim.diagnostic.get(bufnr) > 0 and not has_code(bufnr, 'require-thanks')
  end, 20)
  result.steps.after_edit = { waited_ok = relinted, diagnostics = diagnostics(bufnr) }

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return result.server_exit ~= nil end, 20)
end)

if not ok then result.error = tostring(err) end
write_result()
vim.cmd(ok and 'qall!' or 'cquit! 1')
