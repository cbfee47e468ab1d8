// Rule packs and rule docs are bundled as text (see esbuild.mjs and vitest.config.mjs).
declare module '*.yaml' {
  const text: string;
  export default text;
}
declare module '*.md' {
  const text: string;
  export default text;
}
