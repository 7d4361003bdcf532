import type { types } from '@slack/bolt';
import { truncate } from './format.ts';
import { LIMITS } from './limits.ts';

/** A message body: the notification text (also read by screen readers) and its blocks. */
export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}

export function header(blockId: string, text: string): types.HeaderBlock {
  return {
    type: 'header',
    block_id: blockId,
    text: { type: 'plain_text', text: truncate(text, LIMITS.headerText) },
  };
}

export function section(blockId: string, text: string): types.SectionBlock {
  return {
    type: 'section',
    block_id: blockId,
    text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) },
  };
}

export function context(blockId: string, text: string): types.ContextBlock {
  return { type: 'context', block_id: blockId, elements: [{ type: 'mrkdwn', text: truncate(text, 3000) }] };
}

export function divider(blockId: string): types.DividerBlock {
  return { type: 'divider', block_id: blockId };
}
