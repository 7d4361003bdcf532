import type { Logger, webApi } from '@slack/bolt';
import type { SlackMessage } from './blocks/message.ts';

export interface EphemeralTarget {
  /** The response_url of the command or button that led here (valid 30 minutes, 5 posts). */
  responseUrl?: string;
  /** The conversation, for chat.postEphemeral when the response_url cannot be used. */
  channel?: string;
  user: string;
}

export interface DeliverDeps {
  client: Pick<webApi.WebClient, 'chat'>;
  logger: Logger;
  fetch?: typeof fetch;
}

/**
 * Posts a message only the person can see. The response_url comes first: it works in any
 * conversation the command was typed in (private channels and DMs the bot is not a member of),
 * where chat.postEphemeral would fail with `not_in_channel`. chat.postEphemeral is the fallback,
 * when the response_url is missing or has expired (30 minutes). Returns how it was delivered.
 */
export async function deliverEphemeral(
  target: EphemeralTarget,
  message: SlackMessage,
  deps: DeliverDeps,
): Promise<'response_url' | 'chat.postEphemeral' | 'undelivered'> {
  if (target.responseUrl) {
    try {
      const response = await (deps.fetch ?? fetch)(target.responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...message }),
        signal: AbortSignal.timeout(5000),
      });
      await response.body?.cancel();
      if (response.ok) return 'response_url';
      deps.logger.warn(`response_url refused the reply (HTTP ${response.status}); trying chat.postEphemeral`);
    } catch (error) {
      deps.logger.warn(`response_url unreachable (${(error as Error).name}); trying chat.postEphemeral`);
    }
  }
  if (target.channel) {
    try {
      await deps.client.chat.postEphemeral({ channel: target.channel, user: target.user, ...message });
      return 'chat.postEphemeral';
    } catch (error) {
      deps.logger.warn(
        `chat.postEphemeral failed: ${(error as { code?: string }).code ?? (error as Error).name}`,
      );
    }
  }
  deps.logger.warn('an ephemeral reply could not be delivered');
  return 'undelivered';
}
