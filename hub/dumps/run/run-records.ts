import { dumpRunSchema, type DropLoad, type DumpRun } from '../../../shared/dump-runs.ts';
import type { StateStore } from '../../state/store.ts';

/** The month records in lowdb: one per YYYY-MM, kept sorted, written after every change. */
export class RunRecords {
  constructor(
    private readonly state: StateStore,
    private readonly onChange: (run: DumpRun) => void = () => {},
  ) {}

  list(): DumpRun[] {
    return this.state.data.dumpRuns;
  }

  find(yearMonth: string): DumpRun | undefined {
    return this.list().find((r) => r.year_month === yearMonth);
  }

  /** The month's record, created as not_started the first time the month is seen. */
  ensure(yearMonth: string, dumpDate: string): DumpRun {
    const existing = this.find(yearMonth);
    if (existing) return existing;
    const run = dumpRunSchema.parse({
      year_month: yearMonth,
      dump_date: dumpDate,
      status: 'not_started',
    });
    this.list().push(run);
    this.list().sort((a, b) => a.year_month.localeCompare(b.year_month));
    return run;
  }

  async save(run: DumpRun): Promise<void> {
    await this.state.write();
    this.onChange(run);
  }

  drops(): DropLoad[] {
    return this.state.data.dropLoads;
  }

  async addDrop(load: DropLoad): Promise<void> {
    const drops = this.drops();
    drops.push(load);
    drops.splice(0, Math.max(0, drops.length - 20));
    await this.state.write();
  }
}
