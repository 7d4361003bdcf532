// Prints replies of the bot as text, from the real builders and rules, for the README:
// `npm run render-example -w @tremplins/bot` (the reference date is pinned so the output does not drift).

import { reminderMessage } from '../src/blocks/deadlines.ts';
import type { SlackMessage } from '../src/blocks/message.ts';
import { occupancyReply } from '../src/blocks/occupancy.ts';
import { renderBlocksAsText } from '../src/blocks/render-text.ts';
import { createDraftSealer } from '../src/eligibility/draft.ts';
import { quickFormAnswer } from '../src/replies.ts';
import { deadlinesFixture, occupancyFixture } from '../src/test-support/fixtures.ts';

const deps = { today: () => '2022-06-01', sealer: createDraftSealer('example-secret') };

const examples: [string, Promise<SlackMessage>][] = [
  [
    '/tremplins eligibilite 14/03/2004 Oignies ancien-ase formation ressources mds',
    quickFormAnswer('14/03/2004 Oignies ancien-ase formation ressources mds', 'U0EXAMPLE', deps),
  ],
  [
    '/tremplins eligibilite 03/07/2002 Arras sans-ase formation',
    quickFormAnswer('03/07/2002 Arras sans-ase formation', 'U0EXAMPLE', deps),
  ],
  [
    '/tremplins eligibilite 14/03/2004 62590 ase formaton Dupont 0612345678',
    quickFormAnswer('14/03/2004 62590 ase formaton Dupont 0612345678', 'U0EXAMPLE', deps),
  ],
  ['/tremplins occupation (données d’exemple)', Promise.resolve(occupancyReply(occupancyFixture()))],
  ['Rappel quotidien (données d’exemple)', Promise.resolve(reminderMessage(deadlinesFixture(3, 7)))],
];

for (const [title, reply] of examples) {
  const message = await reply;
  console.log(`### ${title}\n`);
  console.log('```text');
  console.log(renderBlocksAsText(message.blocks).replace(/\u202f/g, ' '));
  console.log('```\n');
}
