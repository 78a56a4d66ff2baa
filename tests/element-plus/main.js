// A portal page as Vue 3 + Element Plus portals are written: an el-form with
// its own model props, the package's rules, and the adapter's warning state
// and 说明 box. tests/element-plus/run.mjs builds it with Vite (and serves it
// with Vite's dev server) and drives it in headless Chromium.
import { createApp, reactive, ref } from 'vue';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import 'diaodu/element-plus.css';
import init, { ReportForm } from 'diaodu';
import { rulesFor } from 'diaodu/element-plus';
// Last month, and this month's report as the portal saved it (the fixture
// series' June and July for 城桥镇, copied in by run.mjs).
import june from './june.json';
import july from './july.json';

// The portal's props and labels, and which of the form's keys each is.
const items = [
  { prop: 'dw', key: 'unit', label: '填报单位' },
  { prop: 'bgyf', key: 'period', label: '报告月份' },
  { prop: 'sj', key: 'date', label: '时间' },
  { prop: 'qyzcfx', key: 'self_found', label: '企业自查发现的重大事故隐患（个）' },
  { prop: 'qyzczg', key: 'self_rectified', label: '其中已完成整改的（个）' },
];

async function main() {
  await init();
  // The page's two figures are typed afresh; the rest of the report comes
  // from the portal's saved draft.
  const { self_found: _f, self_rectified: _r, ...others } = july.values;
  const form = new ReportForm({ ...july, values: others }, { mode: 'draft', prior: june });
  const saved = form.report();
  const value = (key) => (['unit', 'period', 'date'].includes(key) ? saved[key] : saved.values?.[key]) ?? '';

  createApp({
    setup() {
      const model = reactive(Object.fromEntries(items.map((i) => [i.prop, String(value(i.key))])));
      const elForm = ref();
      const state = reactive({});
      const adapter = rulesFor(form, {
        fields: Object.fromEntries(items.map((i) => [i.prop, i.key])),
        formRef: () => elForm.value,
        state,
      });
      const sent = ref('');
      const blocked = ref('');
      async function onSubmit() {
        try {
          sent.value = JSON.stringify(await adapter.submit());
          blocked.value = '';
        } catch (e) {
          blocked.value = (e.findings ?? []).map((f) => f.code).join(' ') || e.message;
        }
      }
      return { items, model, elForm, state, rules: adapter.rules, adapter, onSubmit, sent, blocked };
    },
    template: `
      <el-form ref="elForm" :model="model" :rules="rules" label-width="260px" style="max-width: 720px">
        <el-form-item v-for="i in items" :key="i.prop" :label="i.label" :prop="i.prop"
                      :class="adapter.classOf(i.prop)" :data-prop="i.prop">
          <el-input v-model="model[i.prop]" :name="i.prop" />
          <div v-if="state[i.prop] && state[i.prop].warning" class="diaodu-warning-text">{{ state[i.prop].warning.message }}</div>
          <div v-if="state[i.prop] && state[i.prop].warning && state[i.prop].warning.id" class="diaodu-explain">
            <el-input type="textarea" :name="'explain-' + i.prop" placeholder="说明"
                      :model-value="state[i.prop].warning.explanation"
                      @update:model-value="(t) => adapter.explain(state[i.prop].warning.id, t)" />
            <span class="diaodu-explain-status" :class="{ refused: !state[i.prop].warning.explained }">
              {{ state[i.prop].warning.explained ? '已说明' : state[i.prop].warning.reason }}</span>
          </div>
        </el-form-item>
        <el-button id="submit" type="primary" @click="onSubmit">提交</el-button>
        <pre id="sent" style="white-space: pre-wrap; word-break: break-all">{{ sent }}</pre>
        <pre id="blocked">{{ blocked }}</pre>
      </el-form>`,
  }).use(ElementPlus).mount('#app');
  document.body.classList.add('ready');
}

main();
