import { Module } from '@nestjs/common';
import { StrategyModule } from '@app/strategy';
import { ExplainResolver } from './explain/explain.resolver.js';
import { HistoryResolver } from './history/history.resolver.js';
import { AlignmentTreeResolver } from './tree/alignment-tree.resolver.js';
import { AlignmentTreeService } from './tree/alignment-tree.service.js';
import { HistoryService } from './history/history.service.js';
import { ExplainService } from './explain/explain.service.js';
import { AlignmentLiveResolver } from './report/alignment-live.resolver.js';
import { AlignmentResolver, GoalAlignmentResolver } from './report/alignment.resolver.js';
import { AlignmentService } from './report/alignment.service.js';
import { GapsResolver } from './gaps/gaps.resolver.js';
import { GapsService } from './gaps/gaps.service.js';
import { ProgressLoaders } from './progress/progress.loaders.js';
import {
  InitiativeProgressResolver,
  KeyResultProgressResolver,
  ObjectiveScoreResolver,
} from './progress/progress.resolver.js';
import { KeyResultScoreService } from './progress/score.service.js';

/** The alignment engine: reports, explanations, progress roll-ups, gaps and history. */
@Module({
  imports: [StrategyModule],
  providers: [
    AlignmentService,
    AlignmentResolver,
    AlignmentLiveResolver,
    GoalAlignmentResolver,
    ExplainService,
    ExplainResolver,
    HistoryService,
    AlignmentTreeService,
    AlignmentTreeResolver,
    HistoryResolver,
    ProgressLoaders,
    KeyResultScoreService,
    InitiativeProgressResolver,
    KeyResultProgressResolver,
    ObjectiveScoreResolver,
    GapsService,
    GapsResolver,
  ],
  exports: [AlignmentService, GapsService, HistoryService, KeyResultScoreService, ProgressLoaders],
})
export class AlignmentModule {}
