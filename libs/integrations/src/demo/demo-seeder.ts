import { Inject, Injectable, Logger } from '@nestjs/common';
import { Database, User } from '@app/database';
import { AuthService } from '@app/identity';
import { JiraImportService } from '../jira/jira-import.service.js';
import { PlanImportService } from '../plan-file/plan-import.service.js';
import { demoFile } from './demo-files.js';

export const DEMO_LOGIN = { email: 'demo@throughline.local', password: 'throughline-demo' };

export interface DemoSeedResult {
  seeded: boolean;
  email: string;
  password: string;
  organizationSlug: string | null;
}

/**
 * The demo organization: demo/plan.yaml and demo/jira.csv loaded through the same import paths as
 * any customer's files. Seeded once: the demo user's existence is the marker, checked under an
 * advisory lock so replicas starting together seed it once.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(PlanImportService) private readonly plans: PlanImportService,
    @Inject(JiraImportService) private readonly jira: JiraImportService,
  ) {}

  async seedOnce(): Promise<DemoSeedResult> {
    return this.db.withSessionLock('throughline:demo', async () => {
      const existing = await this.db.transaction(
        { organizationId: null, authEmail: DEMO_LOGIN.email },
        (em) => em.findOne(User, { where: { email: DEMO_LOGIN.email } }),
      );
      if (existing) return { seeded: false, ...DEMO_LOGIN, organizationSlug: null };
      const signedUp = await this.auth.signUp(
        { ...DEMO_LOGIN, name: 'Dana Demo', organizationName: 'Acme Demo' },
        undefined,
        'seed-demo',
      );
      const { organization } = signedUp;
      // the audit log names the seeder as the operation of everything it loads
      const actor = { ...signedUp.actor, operation: 'seed-demo' };
      const plan = await this.plans.importPlan(actor, demoFile('plan.yaml'), false);
      if (plan.problems.length) {
        throw new Error(
          `the demo plan has problems: ${plan.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
        );
      }
      const tickets = await this.jira.importText(actor, demoFile('jira.csv'));
      this.logger.log(
        `seeded the demo organization "${organization.slug}": ${plan.created} plan entries, ${tickets.created} tickets` +
          (tickets.warningCount ? ` (${tickets.warningCount} warnings)` : ''),
      );
      return { seeded: true, ...DEMO_LOGIN, organizationSlug: organization.slug };
    });
  }
}
