/**
 * What the signed-in user may do across the service, as booleans for the pages (res.locals.may).
 * Each is the action's own check asked in advance (permissions.allows), never a role list of its
 * own, so a page offers an action exactly when the server would take it. Checks that depend on a
 * record (a project's directorate, a managed project) are asked where the record is shown:
 * permissions.projectPermissions, projects.mayAddProjectTo.
 */
import { allows, assertMayManageUsers } from './permissions';
import { assertMayManageDirectorates } from './directorates';
import { assertMayAddProjects } from './projects';
import { assertMayReadAudit } from './audit-trail';
import { assertMayChangeSettings } from './settings';
import { assertMayUndoImports, assertMayUseImports } from './imports';
import type { Ctx } from './types';

export interface May {
  /** Add, edit and delete directorates. */
  manageDirectorates: boolean;
  /** Add projects (to the directorates projects.projectDirectorates lists). */
  addProjects: boolean;
  /** Open the import pages (which then offer only the kinds mayImport allows). */
  useImports: boolean;
  undoImports: boolean;
  readAudit: boolean;
  manageUsers: boolean;
  changeSettings: boolean;
}

export function mayFor(ctx: Pick<Ctx, 'actor'>): May {
  return {
    manageDirectorates: allows(() => assertMayManageDirectorates(ctx)),
    addProjects: allows(() => assertMayAddProjects(ctx)),
    useImports: allows(() => assertMayUseImports(ctx)),
    undoImports: allows(() => assertMayUndoImports(ctx)),
    readAudit: allows(() => assertMayReadAudit(ctx)),
    manageUsers: allows(() => assertMayManageUsers(ctx)),
    changeSettings: allows(() => assertMayChangeSettings(ctx)),
  };
}
