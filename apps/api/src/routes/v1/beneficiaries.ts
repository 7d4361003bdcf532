import { createRoute } from '@hono/zod-openapi';
import { operations } from '@tremplins/client';
import type { Context } from 'hono';
import type { AppEnv, Deps } from '../../deps.ts';
import { access } from '../../http/access-policy.ts';
import { audit } from '../../services/audit.ts';
import {
  createBeneficiary,
  eraseBeneficiary,
  findByCafNumber,
  getBeneficiary,
  rectifyBeneficiary,
} from '../../services/beneficiaries.ts';
import { owningAssociation } from '../../services/scope.ts';
import { router } from '../router.ts';

export function beneficiaryRoutes(deps: Deps) {
  // The same search whether the number comes in the query or, kept out of URLs, in the body; every search is audited.
  const searchByCaf = async (c: Context<AppEnv>, cafNumber: string) => {
    const found = await findByCafNumber(c.get('store'), deps.cipher, c.get('principal'), cafNumber);
    const ids = found.map((b) => b.id).join(',') || null;
    await audit(c.get('store'), c.get('principal'), 'search_caf', 'beneficiary', ids);
    return { beneficiaries: found };
  };

  return router()
    .openapi(
      createRoute({ ...operations.createBeneficiary, middleware: access('createBeneficiary') }),
      async (c) => {
        const body = c.req.valid('json');
        const principal = c.get('principal');
        const id = await createBeneficiary(c.get('store'), deps.cipher, principal, {
          associationId: await owningAssociation(c.get('store'), principal, body.associationId),
          person: body.person,
          facts: body.facts,
          birthDateCertainty: body.birthDateCertainty,
        });
        await audit(c.get('store'), principal, 'create', 'beneficiary', id);
        return c.json({ id }, 201);
      },
    )
    .openapi(
      createRoute({ ...operations.getBeneficiary, middleware: access('getBeneficiary') }),
      async (c) => {
        const { id } = c.req.valid('param');
        const record = await getBeneficiary(c.get('store'), deps.cipher, c.get('principal'), id);
        await audit(c.get('store'), c.get('principal'), 'read', 'beneficiary', id);
        return c.json(record, 200);
      },
    )
    .openapi(
      createRoute({ ...operations.findBeneficiaries, middleware: access('findBeneficiaries') }),
      async (c) => c.json(await searchByCaf(c, c.req.valid('query').cafNumber), 200),
    )
    .openapi(
      createRoute({ ...operations.searchBeneficiaries, middleware: access('searchBeneficiaries') }),
      async (c) => c.json(await searchByCaf(c, c.req.valid('json').cafNumber), 200),
    )
    .openapi(
      createRoute({ ...operations.rectifyBeneficiary, middleware: access('rectifyBeneficiary') }),
      async (c) => {
        const { id } = c.req.valid('param');
        const record = await rectifyBeneficiary(
          c.get('store'),
          deps.cipher,
          c.get('principal'),
          id,
          c.req.valid('json'),
        );
        await audit(c.get('store'), c.get('principal'), 'rectify', 'beneficiary', id);
        return c.json(record, 200);
      },
    )
    .openapi(
      createRoute({ ...operations.eraseBeneficiary, middleware: access('eraseBeneficiary') }),
      async (c) => {
        const { id } = c.req.valid('param');
        await eraseBeneficiary(c.get('store'), c.get('principal'), id);
        await audit(c.get('store'), c.get('principal'), 'erase', 'beneficiary', id);
        return c.json({ id, erased: true as const }, 200);
      },
    );
}
