import { detectFormat, type DocumentFormat } from '../../shared/index';

/**
 * How an open document holds its replies: a Reply document is one reply; any other is read
 * by its name and content (a Zendesk export, a YAML list of saved replies, …), as the CLI
 * reads the same file on disk.
 */
export function formatOfDocument(document: { uri: string; languageId: string; getText(): string }): DocumentFormat {
  if (document.languageId === 'service-script') return 'reply';
  return detectFormat(pathOfUri(document.uri), document.getText());
}

function pathOfUri(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}
