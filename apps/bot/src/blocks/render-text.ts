import type { types } from '@slack/bolt';

type Json = Record<string, unknown>;

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as Json).text === 'string')
    return (value as Json).text as string;
  return '';
}

function elementText(el: Json): string {
  switch (el.type) {
    case 'button':
      return `[ ${text(el.text)} ]`;
    case 'datepicker':
      return `[📅 ${typeof el.initial_date === 'string' ? el.initial_date : text(el.placeholder)}]`;
    case 'plain_text_input':
      return `[✎ ${typeof el.initial_value === 'string' ? el.initial_value : text(el.placeholder)}]`;
    case 'static_select': {
      const chosen = el.initial_option ? text((el.initial_option as Json).text) : text(el.placeholder);
      return `[▾ ${chosen}] (${(el.options as unknown[]).length} choix)`;
    }
    case 'radio_buttons': {
      const chosen = el.initial_option ? (el.initial_option as Json).value : undefined;
      return (el.options as Json[])
        .map((o) => `${o.value === chosen ? '◉' : '○'} ${text(o.text)}`)
        .join('  ');
    }
    default:
      return `[${String(el.type)}]`;
  }
}

/**
 * A plain-text picture of blocks, as Slack would lay them out (mrkdwn left as is): for the README
 * and for reading test failures.
 */
export function renderBlocksAsText(blocks: readonly (types.KnownBlock | types.Block)[]): string {
  const out: string[] = [];
  for (const raw of blocks) {
    const block = raw as unknown as Json;
    switch (block.type) {
      case 'header': {
        const title = text(block.text);
        out.push(title, '═'.repeat(Math.min(60, [...title].length)));
        break;
      }
      case 'section':
        if (block.text) out.push(text(block.text));
        if (Array.isArray(block.fields))
          out.push(block.fields.map((f) => text(f).replace('\n', ' : ')).join('\n'));
        if (block.accessory) out.push(elementText(block.accessory as Json));
        break;
      case 'context':
        out.push((block.elements as unknown[]).map((e) => `› ${text(e)}`).join('\n'));
        break;
      case 'divider':
        out.push('─'.repeat(40));
        break;
      case 'actions':
        out.push((block.elements as Json[]).map(elementText).join('  '));
        break;
      case 'input': {
        const optional = block.optional ? ' (facultatif)' : '';
        out.push(`${text(block.label)}${optional}\n  ${elementText(block.element as Json)}`);
        if (block.hint) out.push(`  › ${text(block.hint)}`);
        break;
      }
      default:
        out.push(`[${String(block.type)}]`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}
