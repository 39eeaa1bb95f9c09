// The IPC payloads of the workflow's events: transaction progress and notifications.
import type { z } from 'zod';
import type { notificationSchema, txProgressSchema } from '../../../shared/ipc/dto/events.ts';
import type { UserNotification } from '../notifications/notification.ts';
import type { TxProgress } from './txProgress.ts';

/** The `tx:progress` payload of a progress report. */
export function toTxProgressDto(progress: Readonly<TxProgress>): z.input<typeof txProgressSchema> {
  return {
    txId: progress.txId,
    channel: progress.channel,
    stage: progress.stage,
    transaction: progress.transactionName,
    attempt: progress.attempt,
    ...(progress.error === undefined ? {} : { error: progress.error }),
  };
}

/** The `notification` payload of a notification. */
export function toNotificationDto(notification: Readonly<UserNotification>): z.input<typeof notificationSchema> {
  return {
    id: notification.id,
    level: notification.level,
    at: notification.at,
    kind: notification.kind,
    refs: notification.refs,
  };
}
