import { createRoute } from '@hono/zod-openapi';
import { operations } from '@tremplins/client';
import type { Context } from 'hono';
import type { AppEnv, Deps } from '../../deps.ts';
import { access } from '../../http/access-policy.ts';
import { audited } from '../../http/audited.ts';
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
  const searchByCaf = async (c: Context<AppEnv>, operation: string, cafNumber: string) => {
    const found = await audited(
      c,
      { operation, action: 'search_caf', resource: 'beneficiary' },
      (store) => findByCafNumber(store, deps.cipher, c.get('principal'), cafNumber),
      (rows: { id: string }[]) => rows.map((b) => b.id),
    );
    return { beneficiaries: found };
  };

  return router()
    .openapi(
      createRoute({ ...operations.createBeneficiary, middleware: access('createBeneficiary') }),
      async (c) => {
        const body = c.req.valid('json');
        const principal = c.get('principal');
        const id = await audited(
          c,
          { operation: 'createBeneficiary', action: 'create', resource: 'beneficiary' },
          async (store) =>
            createBeneficiary(store, deps.cipher, principal, {
              associationId: await owningAssociation(store, principal, body.associationId),
              person: body.person,
              facts: body.facts,
              birthDateCertainty: body.birthDateCertainty,
            }),
          (created) => created,
        );
        return c.json({ id }, 201);
      },
    )
    .openapi(
      createRoute({ ...operations.getBeneficiary, middleware: access('getBeneficiary') }),
      async (c) => {
        const { id } = c.req.valid('param');
        const record = await audited(
          c,
          { operation: 'getBeneficiary', action: 'read', resource: 'beneficiary' },
          (store) => getBeneficiary(store, deps.cipher, c.get('principal'), id),
          () => id,
        );
        return c.json(record, 200);
      },
    )
    .openapi(
      createRoute({ ...operations.findBeneficiaries, middleware: access('findBeneficiaries') }),
      async (c) => c.json(await searchByCaf(c, 'findBeneficiaries', c.req.valid('query').cafNumber), 200),
    )
    .openapi(
      createRoute({ ...operations.searchBeneficiaries, middleware: access('searchBeneficiaries') }),
      async (c) => c.json(await searchByCaf(c, 'searchBeneficiaries', c.req.valid('json').cafNumber), 200),
    )
    .openapi(
      createRoute({ ...operations.rectifyBeneficiary, middleware: access('rectifyBeneficiary') }),
      async (c) => {
        const { id } = c.req.valid('param');
        const record = await audited(
          c,
          { operation: 'rectifyBeneficiary', action: 'rectify', resource: 'beneficiary' },
          (store) => rectifyBeneficiary(store, deps.cipher, c.get('principal'), id, c.req.valid('json')),
          () => id,
        );
        return c.json(record, 200);
      },
    )
    .openapi(
      createRoute({ ...operations.eraseBeneficiary, middleware: access('eraseBeneficiary') }),
      async (c) => {
        const { id } = c.req.valid('param');
        await audited(
          c,
          { operation: 'eraseBeneficiary', action: 'erase', resource: 'beneficiary' },
          (store) => eraseBeneficiary(store, c.get('principal'), id),
          () => id,
        );
        return c.json({ id, erased: true as const }, 200);
      },
    );
}
