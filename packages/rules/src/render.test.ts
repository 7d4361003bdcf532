// RULES.md is generated from the rule files; this test fails when the committed page is stale, and
// checks the page shows a jurist every rule id, every article and every priority weight.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leaves } from './evaluate.ts';
import { loadRuleSets } from './load.ts';
import { renderRulesMarkdown } from './render.ts';
import { RULE_FILES } from './rule-schema.ts';

const STALE =
  'packages/rules/RULES.md is stale: run `npm run render -w @tremplins/rules` and commit the result';
const COMMITTED = readFileSync(new URL('../RULES.md', import.meta.url), 'utf8');
const sets = loadRuleSets();
const page = renderRulesMarkdown(sets);

const allRules = sets.flatMap((set) => RULE_FILES.flatMap((name) => set.files[name].rules));

describe('RULES.md', () => {
  it('is up to date with the rule files', () => {
    expect(page, STALE).toBe(COMMITTED);
  });

  it('rendering is deterministic', () => {
    expect(renderRulesMarkdown(loadRuleSets())).toBe(page);
  });

  it('is generated, says so, and ends with one newline', () => {
    expect(page.startsWith('# Règles de Tremplins\n')).toBe(true);
    expect(page).toContain('npm run render -w @tremplins/rules');
    expect(page.endsWith('\n')).toBe(true);
    expect(page.endsWith('\n\n')).toBe(false);
  });

  it('names each rule set with its version and period', () => {
    for (const { manifest } of sets) {
      expect(page).toContain(`## ${manifest.title}`);
      expect(page).toContain(`\`${manifest.id}\` version ${manifest.version}`);
      expect(page).toContain(manifest.effective.from);
    }
  });

  it.each(allRules.map((rule) => [rule.id, rule] as const))(
    'shows rule %s with its label and article',
    (_id, rule) => {
      expect(page).toContain(`\`${rule.id}\``);
      expect(page).toContain(`### ${rule.label}`);
      expect(page).toContain(`article : ${rule.article}`);
    },
  );

  it('shows every article of the rule files: rules, leaves and age bands', () => {
    const articles = new Set<string>();
    for (const set of sets) {
      for (const band of set.manifest.ageBands) articles.add(band.article);
      for (const name of RULE_FILES) {
        for (const rule of set.files[name].rules) {
          articles.add(rule.article);
          for (const tree of [rule.appliesWhen, rule.conditions]) {
            if (tree) for (const leaf of leaves(tree)) articles.add(leaf.article);
          }
        }
      }
    }
    expect(articles.size).toBeGreaterThan(5);
    for (const article of articles) expect(page, article).toContain(article);
  });

  it('shows every leaf label next to its fact', () => {
    for (const rule of allRules) {
      for (const tree of [rule.appliesWhen, rule.conditions]) {
        if (!tree) continue;
        for (const leaf of leaves(tree)) {
          expect(page, `${rule.id}/${leaf.id}`).toContain(
            `${leaf.label} (${leaf.article}) — \`${leaf.fact}\``,
          );
        }
      }
    }
  });

  it('shows every declared fact', () => {
    for (const set of sets) {
      for (const name of RULE_FILES) {
        for (const fact of Object.keys(set.files[name].facts))
          expect(page, fact).toContain(`| \`${fact}\` |`);
      }
    }
  });

  it('shows each priority weight on its rule', () => {
    const weighted = sets.flatMap((set) => set.files.priority.rules);
    expect(weighted.length).toBeGreaterThan(0);
    for (const rule of weighted) {
      expect(rule.weight, rule.id).toBeDefined();
      expect(page).toMatch(new RegExp(`\`${rule.id}\` — [^\\n]*poids : ${rule.weight}(?!\\d)`));
    }
  });

  it('shows each reimbursement rule’s kind, formula and negotiability', () => {
    for (const rule of sets.flatMap((set) => set.files.reimbursement.rules)) {
      const line = page.split('\n').find((l) => l.startsWith(`\`${rule.id}\` — `));
      expect(line, rule.id).toBeDefined();
      expect(line).toContain(rule.kind === 'total' ? 'remboursement total' : 'remboursement partiel');
      expect(line).toContain(`montant : \`${rule.amount}\``);
      if (rule.negotiable) expect(line).toContain('négociable');
      else expect(line).not.toContain('négociable');
    }
  });
});
