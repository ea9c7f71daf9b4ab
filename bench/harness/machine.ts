// The machine a run was measured on, recorded next to the figures.
import * as os from "node:os";

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGB: number;
  node: string;
  platform: string;
  date: string;
}

export function machine(now = new Date()): Machine {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    date: now.toISOString(),
  };
}
