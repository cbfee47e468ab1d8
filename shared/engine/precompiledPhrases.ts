import type { SerializedPhrases } from '../matching/phraseNfa';

/**
 * The built-in packs' phrases, compiled at build time: esbuild.mjs replaces this module in the
 * bundles with the serialised automaton, so no process compiles them at start-up. Where nothing
 * was built (tests run the sources), it stays undefined and they compile on first use.
 */
export const PRECOMPILED_BUILTIN_PHRASES: SerializedPhrases | undefined = undefined;
