import { TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the controller needs of a `@lit/task` Task. */
interface AbortableTask {
  readonly status: TaskStatus;
  abort(reason?: unknown): void;
  run(): Promise<void>;
}

/**
 * The host's work lives as long as it is on the page. `signal` is aborted when the host is disconnected (a
 * fresh one comes with the next connection): pass it to every provider call the element starts itself.
 * Tasks handed to `track()` are aborted with it, and run again when the host comes back if that cut them
 * short (their arguments did not change, so they would not run on their own).
 */
export class ConnectionController implements ReactiveController {
  private controller = new AbortController();
  private readonly tasks: AbortableTask[] = [];
  private readonly interrupted = new Set<AbortableTask>();

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Aborted when the host leaves the page. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Aborts the task's pending run on disconnect and repeats it on reconnect; returns the task. */
  track<T extends AbortableTask>(task: T): T {
    this.tasks.push(task);
    return task;
  }

  hostConnected(): void {
    if (this.controller.signal.aborted) this.controller = new AbortController();
    for (const task of this.interrupted) void task.run();
    this.interrupted.clear();
  }

  hostDisconnected(): void {
    const reason = new DOMException('The element was removed from the page.', 'AbortError');
    for (const task of this.tasks) {
      if (task.status !== TaskStatus.PENDING) continue;
      this.interrupted.add(task);
      task.abort(reason);
    }
    this.controller.abort(reason);
  }
}
