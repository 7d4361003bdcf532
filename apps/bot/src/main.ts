import { LogLevel } from '@slack/bolt';
import { buildApp } from './app.ts';
import { EnvError, loadEnv } from './env.ts';
import { scheduleDaily } from './reminders.ts';

/** `npm start`: reads the environment, starts the bot, schedules the reminders at 08:00 Paris time. */
async function main(): Promise<void> {
  let env: ReturnType<typeof loadEnv>;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`tremplins-bot: cannot start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const logLevels = {
    debug: LogLevel.DEBUG,
    info: LogLevel.INFO,
    warn: LogLevel.WARN,
    error: LogLevel.ERROR,
  };
  const bot = buildApp({
    botToken: env.SLACK_BOT_TOKEN,
    ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
    ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
    slackApiUrl: env.SLACK_API_URL,
    api: { url: env.TREMPLINS_API_URL, key: env.TREMPLINS_API_KEY },
    ...(env.TREMPLINS_ALERT_CHANNEL ? { alertChannel: env.TREMPLINS_ALERT_CHANNEL } : {}),
    logLevel: logLevels[env.LOG_LEVEL],
  });
  const logger = bot.app.logger;
  const port = await bot.start(env.PORT);
  logger.info(
    port === undefined
      ? 'tremplins-bot: connected in Socket Mode'
      : `tremplins-bot: listening on port ${port}`,
  );

  let schedule: { stop(): void; next(): number } | undefined;
  if (env.TREMPLINS_ALERT_CHANNEL) {
    schedule = scheduleDaily({
      at: { hour: 8, minute: 0, timeZone: 'Europe/Paris' },
      tick: () => bot.sendReminders(),
      logger,
    });
    logger.info(
      `tremplins-bot: daily reminders at 08:00 Europe/Paris, next ${new Date(schedule.next()).toISOString()}`,
    );
  } else {
    logger.info('tremplins-bot: TREMPLINS_ALERT_CHANNEL is not set; daily reminders are off');
  }

  const shutdown = async (signal: string) => {
    logger.info(`tremplins-bot: ${signal}, stopping`);
    schedule?.stop();
    await bot.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`tremplins-bot: failed to start: ${(error as Error).name}: ${(error as Error).message}`);
  process.exit(1);
});
