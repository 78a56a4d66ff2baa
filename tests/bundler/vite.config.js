// The portal's Vite config: one line for the package. Vite's dev server
// pre-bundles dependencies into .vite/deps, where the package's
// `new URL('diaodu_bg.wasm', import.meta.url)` no longer finds its wasm;
// excluded, the package is served as it is. (`vite build` needs nothing.)
export default {
  optimizeDeps: { exclude: ['diaodu'] },
};
