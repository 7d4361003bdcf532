import type { types } from '@slack/bolt';

/**
 * Slack's Block Kit limits that the builders must respect (docs.slack.dev/reference/block-kit,
 * /reference/views). `limitViolations` lists every breach; an empty list means the payload is fine.
 */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  privateMetadata: 3000,
  callbackId: 255,
  sectionText: 3000,
  sectionField: 2000,
  sectionFields: 10,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  blockId: 255,
  actionId: 255,
  inputLabel: 2000,
  inputHint: 2000,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  radioOptions: 10,
  placeholder: 150,
  messageText: 40_000,
} as const;

export type Surface = 'message' | 'modal' | 'home';

export interface SurfacePayload {
  blocks: readonly (types.KnownBlock | types.Block)[];
  text?: string;
  title?: types.PlainTextElement;
  submit?: types.PlainTextElement;
  close?: types.PlainTextElement;
  private_metadata?: string;
  callback_id?: string;
}

type Json = Record<string, unknown>;

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as Json).text === 'string') {
    return (value as Json).text as string;
  }
  return undefined;
}

export function limitViolations(surface: Surface, payload: SurfacePayload): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  const maxBlocks = surface === 'message' ? LIMITS.messageBlocks : LIMITS.viewBlocks;
  check(payload.blocks.length <= maxBlocks, `${payload.blocks.length} blocks > ${maxBlocks}`);
  check(payload.blocks.length > 0, 'no blocks');
  if (surface === 'message') {
    check(typeof payload.text === 'string' && payload.text.length > 0, 'a message needs a fallback text');
    check((payload.text ?? '').length <= LIMITS.messageText, 'text too long');
  }
  if (surface === 'modal') {
    const title = payload.title?.text ?? '';
    check(title.length > 0 && title.length <= LIMITS.viewTitle, `modal title "${title}" not 1–24 chars`);
    const hasInput = payload.blocks.some((b) => b.type === 'input');
    check(!hasInput || payload.submit !== undefined, 'a modal with inputs needs a submit button');
  }
  for (const [name, element, max] of [
    ['submit', payload.submit, LIMITS.viewSubmit],
    ['close', payload.close, LIMITS.viewClose],
  ] as const) {
    if (element) check(element.text.length <= max, `${name} "${element.text}" > ${max} chars`);
  }
  if (payload.private_metadata !== undefined) {
    check(payload.private_metadata.length <= LIMITS.privateMetadata, 'private_metadata > 3000 chars');
  }
  if (payload.callback_id !== undefined) {
    check(payload.callback_id.length <= LIMITS.callbackId, 'callback_id > 255 chars');
  }

  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  const element = (el: Json, where: string) => {
    const actionId = el.action_id;
    if (typeof actionId === 'string') {
      check(!actionIds.has(actionId), `duplicate action_id ${actionId}`);
      check(actionId.length <= LIMITS.actionId, `action_id ${actionId} too long`);
      actionIds.add(actionId);
    }
    if (el.type === 'button') {
      check((textOf(el.text) ?? '').length <= LIMITS.buttonText, `${where}: button text too long`);
      if (typeof el.value === 'string') {
        check(el.value.length <= LIMITS.buttonValue, `${where}: button value > ${LIMITS.buttonValue} chars`);
      }
    }
    const placeholder = textOf(el.placeholder);
    if (placeholder !== undefined) {
      check(placeholder.length <= LIMITS.placeholder, `${where}: placeholder too long`);
    }
    if (Array.isArray(el.options)) {
      const max = el.type === 'radio_buttons' ? LIMITS.radioOptions : LIMITS.selectOptions;
      check(el.options.length <= max, `${where}: ${el.options.length} options > ${max}`);
      const values = new Set<string>();
      for (const option of el.options as Json[]) {
        check((textOf(option.text) ?? '').length <= LIMITS.optionText, `${where}: option text too long`);
        const value = String(option.value ?? '');
        check(value.length <= LIMITS.optionValue, `${where}: option value too long`);
        check(!values.has(value), `${where}: duplicate option value ${value}`);
        values.add(value);
      }
    }
  };

  payload.blocks.forEach((raw, index) => {
    const block = raw as unknown as Json;
    const where = `block ${index} (${String(block.type)})`;
    if (typeof block.block_id === 'string') {
      check(!blockIds.has(block.block_id), `duplicate block_id ${block.block_id}`);
      check(block.block_id.length <= LIMITS.blockId, `${where}: block_id too long`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'section': {
        const text = textOf(block.text);
        if (text !== undefined) check(text.length <= LIMITS.sectionText, `${where}: text > 3000 chars`);
        check(text !== undefined || Array.isArray(block.fields), `${where}: needs text or fields`);
        if (Array.isArray(block.fields)) {
          check(block.fields.length <= LIMITS.sectionFields, `${where}: more than 10 fields`);
          for (const field of block.fields) {
            check((textOf(field) ?? '').length <= LIMITS.sectionField, `${where}: field > 2000 chars`);
          }
        }
        if (block.accessory) element(block.accessory as Json, where);
        break;
      }
      case 'header':
        check((textOf(block.text) ?? '').length <= LIMITS.headerText, `${where}: header > 150 chars`);
        check(textOf(block.text) !== '', `${where}: empty header`);
        break;
      case 'context':
        check(
          Array.isArray(block.elements) && block.elements.length <= LIMITS.contextElements,
          `${where}: 1–10 elements`,
        );
        break;
      case 'actions':
        check(
          Array.isArray(block.elements) && block.elements.length <= LIMITS.actionsElements,
          `${where}: 1–25 elements`,
        );
        for (const el of (block.elements as Json[]) ?? []) element(el, where);
        break;
      case 'input':
        check(surface !== 'message' || block.dispatch_action === true, `${where}: input outside a view`);
        check((textOf(block.label) ?? '').length <= LIMITS.inputLabel, `${where}: label too long`);
        check((textOf(block.hint) ?? '').length <= LIMITS.inputHint, `${where}: hint too long`);
        element(block.element as Json, where);
        break;
      default:
        break;
    }
  });
  return problems;
}
