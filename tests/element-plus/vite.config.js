// The portal's Vite config: Vue's build with its template compiler (the
// page writes templates as strings), and the one line the package needs.
export default {
  resolve: { alias: { vue: 'vue/dist/vue.esm-bundler.js' } },
  optimizeDeps: { exclude: ['diaodu'] },
  test: { environment: 'jsdom' },
};
