import { Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule, InjectBullBoard, type BullBoardInstance } from '@bull-board/nestjs';
import { QueueMetrics } from '@la-tracker/platform/observability';
import { QUEUE_DASHBOARD_PATH, QueueDashboardAccess } from './queue-dashboard-access';

/** Puts every queue of the product (`QUEUES`, under the deployment's prefix) on the board. */
@Injectable()
class QueueDashboardQueues implements OnModuleInit {
  constructor(
    @InjectBullBoard() private readonly board: BullBoardInstance,
    @Inject(QueueMetrics) private readonly queues: QueueMetrics,
  ) {}

  onModuleInit(): void {
    // The queues metrics and readiness count through: no second set of connections.
    this.board.replaceQueues(this.queues.queues.map((queue) => new BullMQAdapter(queue)));
  }
}

@Module({
  providers: [QueueDashboardAccess],
  exports: [QueueDashboardAccess],
})
class QueueDashboardAccessModule {}

/**
 * Bull Board at `/admin/queues`, for admins only (see `QueueDashboardAccess`): every queue's jobs,
 * with retry and clean-up of failed ones. Needs `QueueMetricsModule` for the queues it shows.
 */
@Module({
  imports: [
    BullBoardModule.forRootAsync({
      imports: [QueueDashboardAccessModule],
      inject: [QueueDashboardAccess],
      useFactory: (access: QueueDashboardAccess) => ({
        route: QUEUE_DASHBOARD_PATH,
        adapter: ExpressAdapter,
        middleware: access.middleware,
        boardOptions: { uiConfig: { boardTitle: 'LA Delivery Tracker' } },
      }),
    }),
  ],
  providers: [QueueDashboardQueues],
})
export class QueueDashboardModule {}
