// The limit checker itself must catch what it claims to catch, or the builder tests prove nothing.
import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { limitViolations } from './limits.ts';

const section = (id: string, text = 'x'): types.SectionBlock => ({
  type: 'section',
  block_id: id,
  text: { type: 'mrkdwn', text },
});

describe('limitViolations', () => {
  it('accepts a small valid message', () => {
    expect(limitViolations('message', { text: 'ok', blocks: [section('a')] })).toEqual([]);
  });

  it.each<[string, Parameters<typeof limitViolations>[0], Parameters<typeof limitViolations>[1], RegExp]>([
    [
      '51 blocks in a message',
      'message',
      { text: 't', blocks: Array.from({ length: 51 }, (_, i) => section(`b${i}`)) },
      /51 blocks > 50/,
    ],
    [
      '101 blocks in a home',
      'home',
      { blocks: Array.from({ length: 101 }, (_, i) => section(`b${i}`)) },
      /101 blocks > 100/,
    ],
    ['a message without text', 'message', { blocks: [section('a')] }, /fallback text/],
    [
      'a duplicate block_id',
      'message',
      { text: 't', blocks: [section('a'), section('a')] },
      /duplicate block_id a/,
    ],
    [
      'a section over 3000 chars',
      'message',
      { text: 't', blocks: [section('a', 'x'.repeat(3001))] },
      /text > 3000/,
    ],
    [
      'a header over 150 chars',
      'message',
      { text: 't', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }] },
      /header > 150/,
    ],
    [
      'a modal title over 24 chars',
      'modal',
      { title: { type: 'plain_text', text: 'x'.repeat(25) }, blocks: [section('a')] },
      /modal title/,
    ],
    [
      'a modal with inputs and no submit',
      'modal',
      {
        title: { type: 'plain_text', text: 'T' },
        blocks: [
          {
            type: 'input',
            label: { type: 'plain_text', text: 'L' },
            element: { type: 'plain_text_input', action_id: 'a' },
          },
        ],
      },
      /submit/,
    ],
    [
      'private_metadata over 3000 chars',
      'modal',
      {
        title: { type: 'plain_text', text: 'T' },
        private_metadata: 'x'.repeat(3001),
        blocks: [section('a')],
      },
      /private_metadata/,
    ],
    [
      'a button value over 2000 chars',
      'message',
      {
        text: 't',
        blocks: [
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                action_id: 'b',
                text: { type: 'plain_text', text: 'B' },
                value: 'x'.repeat(2001),
              },
            ],
          },
        ],
      },
      /button value > 2000/,
    ],
    [
      'a duplicate action_id',
      'message',
      {
        text: 't',
        blocks: [
          {
            type: 'actions',
            elements: [
              { type: 'button', action_id: 'b', text: { type: 'plain_text', text: 'B' } },
              { type: 'button', action_id: 'b', text: { type: 'plain_text', text: 'C' } },
            ],
          },
        ],
      },
      /duplicate action_id b/,
    ],
  ])('catches %s', (_why, surface, payload, problem) => {
    expect(limitViolations(surface, payload).join('; ')).toMatch(problem);
  });
});
