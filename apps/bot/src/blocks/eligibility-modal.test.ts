import type { types } from '@slack/bolt';
import { cahcCommunes } from '@tremplins/domain';
import { describe, expect, it } from 'vitest';
import { eligibilityModal, FORM_BLOCKS } from './eligibility-modal.ts';
import { limitViolations } from './limits.ts';
import { renderBlocksAsText } from './render-text.ts';

const cahc = cahcCommunes();
const metadata = { channel: 'C0MDS', responseUrl: 'https://hooks.slack.com/commands/T0/1/abc' };

describe('eligibilityModal', () => {
  const view = eligibilityModal({ metadata, cahc });

  it('is within Slack’s modal limits', () => {
    expect(limitViolations('modal', view)).toEqual([]);
  });

  it('asks every fact the issue lists, each in its own block', () => {
    const blockIds = view.blocks.map((b) => b.block_id);
    for (const id of Object.values(FORM_BLOCKS)) expect(blockIds).toContain(id);
  });

  it('lists the 14 CAHC communes first, then « Autre commune »', () => {
    const select = view.blocks.find((b) => b.block_id === FORM_BLOCKS.communeCahc);
    const options = (select as { element: { options: { text: { text: string }; value: string }[] } }).element
      .options;
    expect(options).toHaveLength(15);
    expect(options.slice(0, 14).map((o) => o.value)).toEqual(cahc.map((c) => c.inseeCode));
    expect(options[0]?.text.text).toBe('Bois-Bernard');
    expect(options[14]).toEqual({
      text: { type: 'plain_text', text: 'Autre commune (à préciser ci-dessous)' },
      value: 'other',
    });
  });

  it('asks no name, address, phone or CAF number', () => {
    const inputs = view.blocks.filter((b): b is types.InputBlock => b.type === 'input');
    const asked = inputs.flatMap((b) => [b.label.text, b.hint?.text ?? '']);
    expect(asked.join(' ')).not.toMatch(/prénom|\bnom\b(?! ou code)|adresse|téléphone|CAF|allocataire/i);
    expect(inputs).toHaveLength(Object.keys(FORM_BLOCKS).length);
  });

  it('keeps where to answer in private_metadata, and nothing else', () => {
    expect(JSON.parse(view.private_metadata ?? '')).toEqual(metadata);
  });

  it('defaults optional answers to « Je ne sais pas »', () => {
    const text = renderBlocksAsText(view.blocks);
    expect(text).toContain('○ Oui  ○ Non  ◉ Je ne sais pas');
    expect(text).toContain('[▾ Je ne sais pas]');
  });

  it('refuses metadata over 3000 characters', () => {
    expect(() =>
      eligibilityModal({ metadata: { responseUrl: `https://x/${'a'.repeat(3000)}` }, cahc }),
    ).toThrow(/private_metadata/);
  });

  it('pre-fills a commune outside the CAHC in « Autre commune »', () => {
    const text = renderBlocksAsText(
      eligibilityModal({ answers: { commune: '62041', birthDate: '2004-03-14' }, metadata, cahc }).blocks,
    );
    expect(text).toContain('[▾ Autre commune (à préciser ci-dessous)]');
    expect(text).toContain('[✎ Arras]');
    expect(text).toContain('[📅 2004-03-14]');
  });
});
