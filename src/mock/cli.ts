#!/usr/bin/env node
import { NAME, parseCli, startupBanner, startupFailure, UsageError, USAGE, version } from './command-line.js';
import { startMockTelegram, type MockTelegram } from './server.js';

async function main(argv: string[]): Promise<void> {
  const args = parseCli(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (args.version) {
    process.stdout.write(`${version()}\n`);
    return;
  }
  if (args.command === undefined) throw new UsageError('missing command; the command is mock');
  if (args.command !== 'mock') throw new UsageError(`unknown command ${JSON.stringify(args.command)}; the command is mock`);

  let mock: MockTelegram;
  try {
    mock = await startMockTelegram({
      port: args.port,
      host: args.host,
      ...(args.publicUrl === undefined ? {} : { publicUrl: args.publicUrl }),
      autoConsent: args.autoConsent,
      control: args.control,
      ...(args.quiet ? {} : { onLog: (line: string) => process.stdout.write(`${line}\n`) }),
    });
  } catch (error) {
    const message = startupFailure(error, args);
    if (message === undefined) throw error;
    process.stderr.write(`${NAME}: ${message}\n`);
    process.exit(1);
  }
  process.stdout.write(startupBanner(mock, args.autoConsent));
  const shutdown = () => {
    void mock.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${NAME}: ${error.message} (see ${process.env.TELEGRAM_LOGIN_KIT_HELP ?? `${NAME} --help`})\n`);
    process.exit(2);
  }
  process.stderr.write(`${NAME}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
