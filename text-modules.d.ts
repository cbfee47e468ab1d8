// Rule packs are inlined as data and rule docs as text (see esbuild.mjs and vitest.config.mjs).
declare module '*.yaml' {
  const data: unknown;
  export default data;
}
declare module '*.md' {
  const text: string;
  export default text;
}
