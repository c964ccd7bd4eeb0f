/**
 * The grids as JSON (issue 19): a project's costs grid and benefit profile grid, read and saved
 * through the same use cases as the grid pages (all or nothing, one audit record, the summaries
 * refreshed once). A PUT sends rows of cells by year: a cell it names is set (null empties it), a
 * cell it leaves out keeps its amount, and a cell sent as it stands leaves its lines alone.
 */
import { Router, type Request, type Response } from 'express';
import { getCostGrid, GRID_MAX_YEARS, saveCostGrid, type CostGrid } from '../../domain/cost-grid';
import { getProfileGrid, saveProfileGrid, type ProfileGrid } from '../../domain/profile-grid';
import { StaleVersionError, ValidationError } from '../../errors';
import { costRowKey, type CostGridRowKey } from '../../validation/cost-grid.schema';
import {
  costGridCells,
  parseCostGridBody,
  parseProfileGridBody,
  profileGridCells,
} from '../../validation/grid-api.schema';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { costGridResource, costGridVersion, profileGridResource, profileGridVersion } from '../presenters/grid-api';
import { jsonBody, sendWrite, writeVersion } from '../presenters/resources-api';
import { param } from '../params';

export function gridsApiRoutes(): Router {
  // Case-sensitive, so a benefit whose ref is GRID stays /benefits/GRID (mounted before the benefits router).
  const router = Router({ caseSensitive: true });
  router.get('/projects/:code/costs/grid', requireRole('admin', 'finance'), asyncHandler(showCosts));
  router.put('/projects/:code/costs/grid', requireRole('admin', 'finance'), asyncHandler(saveCosts));
  router.get('/projects/:code/benefits/grid', requireRole('admin', 'finance'), asyncHandler(showProfiles));
  router.put('/projects/:code/benefits/grid', requireRole('admin', 'finance'), asyncHandler(saveProfiles));
  return router;
}

/** The answer carries the grid's version as its ETag too, for clients that send it back as If-Match. */
function withETag<T extends { version: number }>(res: Response, resource: T): T {
  res.set('ETag', `"${resource.version}"`);
  return resource;
}

/** The use case names cells as the page does; the API names them by their place in the body. */
async function inApiFields<T>(fieldOf: Map<string, string>, save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const fields = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [fieldOf.get(k) ?? k, v]));
    throw new ValidationError(fields, err.message, err.status);
  }
}

function costTotal(grid: CostGrid, key: CostGridRowKey, fy: number) {
  const row = grid.rows.find((r) => costRowKey(r) === costRowKey(key));
  return row?.cells.get(fy)?.total ?? null;
}

/** @route GET /api/v1/projects/:code/costs/grid */
async function showCosts(req: Request, res: Response) {
  res.json(withETag(res, costGridResource(await getCostGrid(req.ctx(), param(req, 'code')))));
}

/** @route PUT /api/v1/projects/:code/costs/grid */
async function saveCosts(req: Request, res: Response) {
  const { version, fields } = writeVersion(req, jsonBody(req));
  const code = param(req, 'code');
  await sendWrite(res, {
    save: async () => {
      // Every year a grid may have, so each cell sent is compared with what it holds now.
      const grid = await getCostGrid(req.ctx(), code, GRID_MAX_YEARS);
      const rows = parseCostGridBody(fields);
      if (costGridVersion(grid) !== version) throw new StaleVersionError(null);
      const { cells, fieldOf } = costGridCells(rows, (key, fy) => costTotal(grid, key, fy));
      await inApiFields(fieldOf, () => saveCostGrid(req.ctx(), grid.project.code, cells));
      return getCostGrid(req.ctx(), grid.project.code);
    },
    present: (grid) => withETag(res, costGridResource(grid)),
    current: async () => costGridResource(await getCostGrid(req.ctx(), code)),
  });
}

/** @route GET /api/v1/projects/:code/benefits/grid */
async function showProfiles(req: Request, res: Response) {
  res.json(withETag(res, profileGridResource(await getProfileGrid(req.ctx(), param(req, 'code')))));
}

function expected(grid: ProfileGrid, ref: string, fy: number) {
  return grid.rows.find((r) => r.benefit.ref === ref)?.cells.get(fy) ?? null;
}

/** @route PUT /api/v1/projects/:code/benefits/grid */
async function saveProfiles(req: Request, res: Response) {
  const { version, fields } = writeVersion(req, jsonBody(req));
  const code = param(req, 'code');
  await sendWrite(res, {
    save: async () => {
      const grid = await getProfileGrid(req.ctx(), code, GRID_MAX_YEARS);
      const titles = new Map(grid.rows.map((r) => [r.benefit.ref, r.benefit.title]));
      const rows = parseProfileGridBody(fields, (ref) => titles.get(ref));
      if (profileGridVersion(grid) !== version) throw new StaleVersionError(null);
      const { cells, fieldOf } = profileGridCells(rows, (ref, fy) => expected(grid, ref, fy));
      await inApiFields(fieldOf, () => saveProfileGrid(req.ctx(), grid.project.code, cells));
      return getProfileGrid(req.ctx(), grid.project.code);
    },
    present: (grid) => withETag(res, profileGridResource(grid)),
    current: async () => profileGridResource(await getProfileGrid(req.ctx(), code)),
  });
}
