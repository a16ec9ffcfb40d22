import { Inject, Injectable, Optional } from '@nestjs/common';
import { Tenant, type Actor } from '@app/common';
import { checkPlanReferences, ProblemList, readPlan, type Problem } from '@app/domain';
import { diffPlan } from './plan-diff.js';
import { PlanLoadHook } from './plan-load-hook.js';
import { existingKeys, loadPlanState } from './plan-state.js';
import { writePlan } from './plan-writer.js';
import { MAX_PLAN_CHARS, parsePlanYaml } from './plan-yaml.js';

export interface PlanImportResult {
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  problems: Problem[];
}

/**
 * importPlan (docs/design.md 4 and 4.2): the file is authoritative for what it lists, nothing else is
 * touched, re-importing changes nothing, and a file with any problem writes nothing and gets every
 * problem back (the first 100, then how many more). One transaction, holding the organization's
 * link lock so the cycle check cannot race another link write. `maxChars` bounds the text: the
 * GraphQL argument's limit by default, larger for the CLI.
 */
@Injectable()
export class PlanImportService {
  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Optional() @Inject(PlanLoadHook) private readonly hook: PlanLoadHook | null = null,
  ) {}

  async importPlan(
    actor: Actor,
    yaml: string,
    dryRun: boolean,
    maxChars = MAX_PLAN_CHARS,
  ): Promise<PlanImportResult> {
    const parsed = parsePlanYaml(yaml, maxChars);
    if (parsed.problems.length) return failed(parsed.problems);
    const problems = new ProblemList();
    const { plan } = readPlan(parsed.doc, problems);
    return this.tenant.run(actor, async (em) => {
      await this.tenant.lock(em, actor, 'links');
      const state = await loadPlanState(em);
      for (const problem of checkPlanReferences(plan, existingKeys(state))) problems.push(problem);
      if (problems.size) return failed(problems.list());
      const changes = diffPlan(plan, state);
      if (!dryRun) {
        await writePlan(em, actor.organizationId, plan, state, changes);
        await this.hook?.afterPlanLoad(em, actor, plan);
      }
      const { created, updated, unchanged } = changes;
      return { applied: !dryRun, created, updated, unchanged, problems: [] };
    });
  }
}

function failed(problems: Problem[]): PlanImportResult {
  return { applied: false, created: 0, updated: 0, unchanged: 0, problems };
}
