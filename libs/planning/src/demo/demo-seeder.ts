import { Inject, Injectable, Logger } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Tenant, type Actor } from '@app/common';
import { Cycle, Database, Initiative, KeyResult, Kpi, Objective, Team, User } from '@app/database';
import { AuthService } from '@app/identity';
import { KeyResultService, KpiService } from '@app/strategy';
import { KeyResultScoreService } from '@app/alignment';
import { JiraImportService, PlanImportService } from '@app/integrations';
import { CarryForwardService } from '../carry-forward.service.js';
import { CycleLockService } from '../cycle-lock.service.js';
import { ScenarioService } from '../scenarios/scenario.service.js';
import { demoFile } from './demo-files.js';
import {
  historyOf,
  kpiHistoryOf,
  weeklyTimes,
  type MeasuredKeyResult,
} from './demo-history.js';
import { planBeforeReplay, type CarriedObjectives } from './demo-plan-replay.js';
import { DEMO_STORY } from './demo-story.js';

export const DEMO_LOGIN = { email: 'demo@throughline.local', password: 'throughline-demo' };

const DAY_MS = 86_400_000;

export interface DemoSeedResult {
  seeded: boolean;
  email: string;
  password: string;
  organizationSlug: string | null;
}

/** What every seeding step works with: who seeds, when, and what the plan file left to replay. */
export interface DemoSeedContext {
  actor: Actor;
  /** the moment of seeding: the check-in history is dated back from it */
  now: Date;
  carried: CarriedObjectives[];
  /** counts for the log line */
  counts: Record<string, number>;
}

/** One step of the seeding, run in order after the previous one committed. */
export interface DemoSeedStep {
  name: string;
  run(context: DemoSeedContext): Promise<void>;
}

/**
 * The demo organization: demo/plan.yaml and demo/jira.csv loaded through the same import paths as
 * any customer's files, and its history replayed through the services the API uses (a step
 * each: baselines, check-ins, scores, the close, the lock, the carry forward). Seeded once: the
 * demo user's existence is the marker, checked under an advisory lock so replicas starting
 * together seed it once.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(PlanImportService) private readonly plans: PlanImportService,
    @Inject(JiraImportService) private readonly jira: JiraImportService,
    @Inject(KeyResultService) private readonly keyResults: KeyResultService,
    @Inject(KpiService) private readonly kpis: KpiService,
    @Inject(KeyResultScoreService) private readonly scores: KeyResultScoreService,
    @Inject(CycleLockService) private readonly cycles: CycleLockService,
    @Inject(CarryForwardService) private readonly carrying: CarryForwardService,
    @Inject(ScenarioService) private readonly scenarios: ScenarioService,
  ) {}

  /**
   * The steps in the order the organization lived them. A new part of the demo is one more step
   * here.
   */
  private readonly steps: DemoSeedStep[] = [
    { name: 'plan', run: (c) => this.importPlan(c) },
    { name: 'tickets', run: (c) => this.importTickets(c) },
    { name: 'closed cycle', run: (c) => this.closeCycle(c) },
    { name: 'active cycle', run: (c) => this.lockActiveCycle(c) },
    { name: 'carry forward', run: (c) => this.carryForward(c) },
    { name: 'scenarios', run: (c) => this.forkScenarios(c) },
  ];

  async seedOnce(): Promise<DemoSeedResult> {
    return this.db.withSessionLock('throughline:demo', async () => {
      const existing = await this.db.transaction(
        { organizationId: null, authEmail: DEMO_LOGIN.email },
        (em) => em.findOne(User, { where: { email: DEMO_LOGIN.email } }),
      );
      if (existing) return { seeded: false, ...DEMO_LOGIN, organizationSlug: null };
      const started = Date.now();
      const signedUp = await this.auth.signUp(
        { ...DEMO_LOGIN, name: 'Dana Demo', organizationName: 'Acme Demo' },
        undefined,
        'seed-demo',
      );
      const { organization } = signedUp;
      // the audit log names the seeder as the operation of everything it writes
      const context: DemoSeedContext = {
        actor: { ...signedUp.actor, operation: 'seed-demo' },
        now: new Date(),
        carried: [],
        counts: { checkIns: 0, carried: 0, scenarios: 0 },
      };
      for (const step of this.steps) {
        try {
          const stepStarted = Date.now();
          await step.run(context);
          this.logger.debug(`seeding step "${step.name}" took ${Date.now() - stepStarted} ms`);
        } catch (error) {
          throw new Error(`seeding the demo failed at "${step.name}": ${String(error)}`, {
            cause: error,
          });
        }
      }
      const c = context.counts;
      this.logger.log(
        `seeded the demo organization "${organization.slug}" in ${Date.now() - started} ms: ` +
          `${c.planEntries} plan entries, ${c.tickets} tickets` +
          (c.ticketWarnings ? ` (${c.ticketWarnings} warnings)` : '') +
          `, ${c.checkIns} check-ins, ${c.carried} objectives carried forward, ${c.scenarios} scenarios`,
      );
      return { seeded: true, ...DEMO_LOGIN, organizationSlug: organization.slug };
    });
  }

  /**
   * The plan as it stood before the replay: the closed cycle still ACTIVE (the import stores its
   * baseline, marked as loaded), the active one still DRAFT, no carried copies yet.
   */
  private async importPlan(context: DemoSeedContext): Promise<void> {
    const replay = planBeforeReplay(demoFile('plan.yaml'), {
      [DEMO_STORY.closedCycle]: 'ACTIVE',
      [DEMO_STORY.activeCycle]: 'DRAFT',
    });
    const plan = await this.plans.importPlan(context.actor, replay.yaml, false);
    if (plan.problems.length) {
      throw new Error(
        `the demo plan has problems: ${plan.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      );
    }
    context.carried = replay.carried;
    context.counts.planEntries = plan.created;
  }

  private async importTickets(context: DemoSeedContext): Promise<void> {
    const tickets = await this.jira.importText(context.actor, demoFile('jira.csv'));
    context.counts.tickets = tickets.created;
    context.counts.ticketWarnings = tickets.warningCount;
  }

  /** The closed cycle's weekly check-ins inside its dates, two scores by hand, then closeCycle. */
  private async closeCycle(context: DemoSeedContext): Promise<void> {
    const keyResults = await this.keyResultsOf(context.actor, DEMO_STORY.closedCycle);
    await this.recordHistories(
      context,
      keyResults.map((kr) => {
        const last = new Date(Math.min(kr.cycleEnd.getTime() - DAY_MS, context.now.getTime()));
        return { kr, times: weeklyTimes(dayAfter(kr.cycleStart, 6), last) };
      }),
    );
    for (const kr of keyResults) {
      const given = DEMO_STORY.scores[kr.key];
      if (given) await this.scores.score(context.actor, { keyResultId: kr.id, ...given });
    }
    await this.cycles.closeCycle(context.actor, DEMO_STORY.closedCycle);
  }

  /**
   * lockCycle makes the active cycle ACTIVE with its baseline; then a check-in every week since it
   * started, the last a few days ago (the late ones: more than the cadence ago), and the KPIs'
   * readings of the last weeks.
   */
  private async lockActiveCycle(context: DemoSeedContext): Promise<void> {
    await this.cycles.lockCycle(context.actor, DEMO_STORY.activeCycle);
    const keyResults = await this.keyResultsOf(context.actor, DEMO_STORY.activeCycle);
    await this.recordHistories(
      context,
      keyResults.map((kr, i) => {
        const daysAgo = DEMO_STORY.lateCheckIns[kr.key] ?? 1 + (i % 5);
        const last = new Date(context.now.getTime() - daysAgo * DAY_MS);
        return { kr, times: weeklyTimes(dayAfter(kr.cycleStart, 1), last) };
      }),
    );
    const kpis = await this.tenant.run(context.actor, (em) =>
      em.find(Kpi, { where: { archivedAt: IsNull() }, order: { key: 'ASC' } }),
    );
    const histories = kpis
      .filter((kpi) => kpi.current !== null)
      .map((kpi, i) => {
        const last = new Date(context.now.getTime() - (1 + (i % 4)) * DAY_MS);
        const from = new Date(last.getTime() - (DEMO_STORY.kpiWeeks - 1) * 7 * DAY_MS - DAY_MS);
        const entries = kpiHistoryOf(
          { ...kpi, current: kpi.current! },
          weeklyTimes(from, last),
          DEMO_STORY.kpiNotes[kpi.key],
        );
        return { kpiId: kpi.id, entries };
      });
    await this.kpis.recordHistory(context.actor, histories);
    context.counts.checkIns += histories.reduce((sum, h) => sum + h.entries.length, 0);
  }

  /** The planning session of the draft began by carrying the unfinished objectives forward. */
  private async carryForward(context: DemoSeedContext): Promise<void> {
    for (const carried of context.carried) {
      const copies = await this.carrying.carryForward(context.actor, carried);
      context.counts.carried += copies.length;
    }
  }

  /** The room's what-ifs of the draft, forked from it and edited through the scenario service. */
  private async forkScenarios(context: DemoSeedContext): Promise<void> {
    const { actor } = context;
    const ids = await this.tenant.run(actor, async (em) => ({
      initiatives: new Map(
        (await em.find(Initiative, { select: { id: true, key: true } })).map((i) => [i.key, i.id]),
      ),
      teams: new Map(
        (await em.find(Team, { select: { id: true, key: true } })).map((t) => [t.key, t.id]),
      ),
    }));
    const idOf = (ids: Map<string, string>, key: string) => {
      const id = ids.get(key);
      if (!id) throw new Error(`the demo story names "${key}", which the plan does not have`);
      return id;
    };
    for (const story of DEMO_STORY.scenarios) {
      const forked = await this.scenarios.fork(actor, {
        cycleKey: DEMO_STORY.draftCycle,
        name: story.name,
      });
      await this.scenarios.update(actor, {
        id: forked.id,
        expectedVersion: forked.version,
        initiatives: story.initiatives.map(({ key, ...values }) => ({
          initiativeId: idOf(ids.initiatives, key),
          ...values,
        })),
        teams: story.teams.map(({ key, capacityPerSprint }) => ({
          teamId: idOf(ids.teams, key),
          capacityPerSprint,
        })),
      });
      context.counts.scenarios += 1;
    }
  }

  /** One transaction for the histories of a cycle's key results. */
  private async recordHistories(
    context: DemoSeedContext,
    histories: { kr: MeasuredKeyResult & { id: string }; times: Date[] }[],
  ): Promise<void> {
    const input = histories.map(({ kr, times }) => ({
      keyResultId: kr.id,
      entries: historyOf(kr, times, DEMO_STORY.latestNotes[kr.key]),
    }));
    await this.keyResults.recordHistory(context.actor, input);
    context.counts.checkIns += input.reduce((sum, h) => sum + h.entries.length, 0);
  }

  /** The cycle's key results (of its ACTIVE objectives), with the cycle's dates, by key. */
  private keyResultsOf(
    actor: Actor,
    cycleKey: string,
  ): Promise<(MeasuredKeyResult & { id: string })[]> {
    return this.tenant.snapshot(actor, async (em) => {
      const cycle = await em.findOneOrFail(Cycle, { where: { key: cycleKey } });
      const rows = await em
        .createQueryBuilder(KeyResult, 'kr')
        .innerJoin(Objective, 'o', 'o.id = kr.objectiveId')
        .where(`o.cycleId = :cycle AND o.status = 'ACTIVE' AND kr.archivedAt IS NULL`, {
          cycle: cycle.id,
        })
        .orderBy('kr.key')
        .getMany();
      const cycleStart = new Date(`${cycle.startDate}T00:00:00Z`);
      const cycleEnd = new Date(`${cycle.endDate}T23:59:59Z`);
      return rows.map((kr) => ({ ...kr, cycleStart, cycleEnd }));
    });
  }
}

function dayAfter(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}
