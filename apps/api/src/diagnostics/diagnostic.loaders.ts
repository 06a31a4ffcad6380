import type {
  Diagnostic,
  DiagnosticFinding,
  DiagnosticRecommendation,
  DiagnosticsService,
} from '@la-tracker/domain/diagnostics';
import type { Engagement, EngagementsService } from '@la-tracker/domain/engagements';
import type { Caller } from '@la-tracker/platform/auth';
import DataLoader from 'dataloader';

export type DiagnosticLoaders = ReturnType<typeof createDiagnosticLoaders>;

/** One statement per kind of record, however many diagnostics ask. */
export function createDiagnosticLoaders(
  service: DiagnosticsService,
  engagements: EngagementsService,
  caller: () => Promise<Caller>,
) {
  return {
    /** Each engagement's diagnostic, if the caller may see it. */
    ofEngagement: new DataLoader<string, Diagnostic | null>(async (ids) =>
      service.ofEngagements(await caller(), ids),
    ),
    /** Each diagnostic's engagement, as far as the caller may see it. */
    engagement: new DataLoader<string, Engagement | null>(async (ids) =>
      (await engagements.findByIds(await caller(), ids)).map((found) => found ?? null),
    ),
    findings: new DataLoader<string, DiagnosticFinding[]>((ids) => service.findingsOf(ids)),
    recommendations: new DataLoader<string, DiagnosticRecommendation[]>((ids) =>
      service.recommendationsOf(ids),
    ),
  };
}
