import type { EmbeddedText, SourceRange } from './embeddedText';

/**
 * A JSON or YAML document as the macro finder sees it: maps, lists and strings with
 * their ranges. Both formats are read into this one shape so the help-desk shapes
 * (Zendesk's actions, Gorgias's setResponseText, a saved-replies list) are written once.
 */
export type TreeValue = TreeMap | TreeList | TreeText | TreeOther;

export interface TreeMap {
  kind: 'map';
  range: SourceRange;
  entries: TreeEntry[];
}

export interface TreeEntry {
  key: string;
  keyRange: SourceRange;
  value: TreeValue;
}

export interface TreeList {
  kind: 'list';
  range: SourceRange;
  items: TreeValue[];
}

export interface TreeText {
  kind: 'text';
  range: SourceRange;
  /** the decoded string, as the parser read it */
  value: string;
  /** the string with its way back to the file; undefined when its positions cannot be mapped exactly */
  embedded(): EmbeddedText | undefined;
}

/** numbers, booleans, null, aliases */
export interface TreeOther {
  kind: 'other';
  range: SourceRange;
}
