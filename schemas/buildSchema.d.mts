export declare const DOCS_BASE_URL: string;
export declare function buildRuleFileSchema(core: object, rules: Array<{ id: string; summary?: string; severity?: string }>): object;
export declare function ruleFileSchemaText(root: string): string;
export declare function writeRuleFileSchema(root: string): void;
