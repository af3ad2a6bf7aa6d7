// Nothing here is for didit-kit: the roots are set only because this fixture is built inside
// another repository (Next would otherwise take the outer lockfile's folder as the workspace root).
const root = import.meta.dirname;

export default {
  output: process.env.NEXT_OUTPUT_STANDALONE ? 'standalone' : undefined,
  outputFileTracingRoot: root,
  turbopack: { root },
};
