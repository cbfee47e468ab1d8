import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import { isLintedLibrary, LineIndex, readDocument, type DocumentFormat, type ReplyItem } from '../../shared/index';
import { toRange } from './diagnostics';

/**
 * The outline of a macro library: one symbol per macro, named by its title, spanning the
 * macro in the file (its object, mapping, section or row), with its title selected. A macro
 * with several texts (Help Scout's text and chatText) has one child per text. A document
 * that is one reply, or holds no library, has no outline from Replylint.
 */
export function documentSymbols(text: string, format: DocumentFormat, formatNamed = false): DocumentSymbol[] {
  if (format === 'reply') return [];
  const document = readDocument(text, format);
  if (!isLintedLibrary(document, formatNamed)) return [];
  const lines = new LineIndex(text);
  const byMacro = new Map<number, ReplyItem[]>();
  for (const reply of document.replies) byMacro.set(reply.index, [...(byMacro.get(reply.index) ?? []), reply]);
  const symbols: DocumentSymbol[] = [];
  for (const replies of byMacro.values()) {
    const [first] = replies;
    const range = toRange(first.range.start, first.range.end, lines);
    const inside = first.range.start <= first.titleRange.start && first.titleRange.end <= first.range.end;
    const selection = inside ? toRange(first.titleRange.start, first.titleRange.end, lines) : toRange(first.range.start, first.range.start, lines);
    const several = replies.length > 1;
    const symbol: DocumentSymbol = {
      // "Order on hold (text)" and "Order on hold (chatText)" are one macro, "Order on hold".
      name: nonEmpty(several ? first.title.replace(/ \([^()]*\)$/, '') : first.title),
      detail: `macro ${first.index + 1}`,
      kind: SymbolKind.Object,
      range,
      selectionRange: selection,
    };
    if (several) {
      symbol.children = replies.map((reply) => {
        const body = reply.body.sourceRange(0, reply.body.text.length);
        const bodyRange = toRange(body.start, body.end, lines);
        return { name: nonEmpty(/ \(([^()]*)\)$/.exec(reply.title)?.[1] ?? reply.title), kind: SymbolKind.String, range: bodyRange, selectionRange: bodyRange };
      });
    }
    symbols.push(symbol);
  }
  return symbols;
}

/** Clients reject a symbol with an empty name. */
function nonEmpty(name: string): string {
  return name.trim() === '' ? '(untitled)' : name;
}
