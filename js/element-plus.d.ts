// Types of diaodu/element-plus (js/element-plus.js).
import type { Changes, FieldKey, ReportForm, Finding, NormalizedReport, Status } from './diaodu.js';

/** One prop's state: its errors, and its warning (text, 说明 and whether it counts). */
export interface PropState {
  errors: string[];
  warning: {
    /** The finding whose 说明 this prop carries; null where the warning's 说明 belongs to another field. */
    id: string | null;
    message: string;
    explained: boolean;
    explanation?: string;
    reason?: string;
  } | null;
}

/** A finding as the adapter hands it to the portal: also the props of its fields. */
export interface PropFinding extends Finding {
  props: string[];
}

/** An async-validator rule. */
export interface DiaoduRule {
  trigger: string[];
  validator: (rule: unknown, value: unknown, callback: (error?: Error) => void) => void;
}

export interface RulesForOptions {
  /** The form model's prop names to the form's keys; by default they are the keys. */
  fields?: Record<string, FieldKey> | ((prop: string) => FieldKey | null | undefined);
  /** The el-form instance (its validateField and validate), to validate partner fields again. */
  formRef?: () => { validateField(props: string[]): Promise<unknown>; validate(): Promise<unknown> } | null | undefined;
  /** Where each prop's state is written; pass Vue's `reactive({})`. */
  state?: Record<string, PropState>;
  /** The props to make rules for; by default every mapped key. */
  props?: string[];
  /** Called after every change that adds or removes a finding; each finding also names the portal's props (`props`). */
  onChange?: (changes: Changes & { added: PropFinding[]; removed: PropFinding[]; fields: Record<string, PropFinding[]> }) => void;
}

export interface Adapter {
  rules: Record<string, DiaoduRule[]>;
  state: Record<string, PropState>;
  classOf(prop: string): 'diaodu-warning' | '';
  explain(id: string, text: string): Status;
  /** Resolves with the normalised report, or rejects with `{ findings }` that block. */
  submit(): Promise<NormalizedReport>;
}

export function rulesFor(form: ReportForm, options?: RulesForOptions): Adapter;
export type { Finding };
