// `npm run backup -- <dir>` and `npm run restore -- <dir>` (README: Backups). The same settings as the
// site (.env files included): DATABASE_URL (or the embedded database in PINHOLE_DATA_DIR) and the
// storage driver's. Every failure is one line naming its cause.
import nextEnv from "@next/env";
import { EnvError, parseEnv } from "@/env";
import { writeBackup } from "@/server/db/backup";
import { StartupError } from "@/server/db/errors";
import { restoreBackup } from "@/server/db/restore";

const USAGE = "usage: npm run backup -- <folder>   |   npm run restore -- <folder>";

async function main(command: string | undefined, dir: string | undefined): Promise<number> {
  if ((command !== "backup" && command !== "restore") || !dir) {
    console.error(USAGE);
    return 2;
  }
  nextEnv.loadEnvConfig(process.cwd(), false);
  const config = parseEnv(process.env);
  const log = (line: string) => console.log(`pinhole ${command}: ${line}`);
  if (command === "backup") {
    await writeBackup(config, dir, log);
    log(`done: ${dir}`);
  } else {
    await restoreBackup(config, dir, log);
    log("done: start the site with the same settings");
  }
  return 0;
}

main(process.argv[2], process.argv[3]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof EnvError) {
      console.error(`pinhole: invalid configuration: ${error.issues.join("; ")}`);
    } else if (error instanceof StartupError) {
      console.error(`pinhole ${process.argv[2]}: ${error.message}`);
    } else {
      console.error(`pinhole ${process.argv[2]} failed:`, error);
    }
    process.exit(1);
  },
);
