// Writes RULES.md from the rule files; the test suite fails when the committed page is stale.
import { writeFileSync } from 'node:fs';
import { loadRuleSets } from '../src/load.ts';
import { renderRulesMarkdown } from '../src/render.ts';

writeFileSync(new URL('../RULES.md', import.meta.url), renderRulesMarkdown(loadRuleSets()));
console.log('RULES.md written');
