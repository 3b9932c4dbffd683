/** Development entry of the CLI through tsx (`npm run dev:cli -- ARGS`); users run the compiled bin/htt.js. */
import { main } from './cli.js';

process.exitCode = await main(process.argv);
