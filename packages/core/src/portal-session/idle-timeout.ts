import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The time source of the idle timeout: the system clock, or a controlled one in tests. */
export interface IdleClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The browser's own clock. */
export const SYSTEM_CLOCK: IdleClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** How long the "Are you still there?" warning counts down before signing out. */
export const IDLE_WARNING_SECONDS = 60;

/** The seconds left at which the countdown is announced (politely) to screen readers. */
export const IDLE_ANNOUNCED_SECONDS = [60, 30, 10] as const;

/** What counts as the person being there: a pointer, a key, a touch or a wheel anywhere in the page. */
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel'] as const;

/** The longest wait a timer takes (about 24.8 days); longer idle times are reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface IdleTimeoutOptions {
  /** Minutes without activity before the warning; 0 (or less) turns the timeout off. */
  minutes: () => number;
  clock: () => IdleClock;
  /** The warning ran out: sign out. */
  onTimeout: () => void;
}

/**
 * Signs a shared computer out after a while without activity: once `minutes` pass with no pointer,
 * key or touch in the page it shows a warning ({@link secondsLeft} counts down from 60) and then calls
 * `onTimeout`. Activity while the warning shows does not dismiss it; the person says so ({@link stay}).
 */
export class IdleTimeoutController implements ReactiveController {
  /** Seconds left before signing out while the warning shows; undefined otherwise. */
  secondsLeft?: number;

  private watching = false;
  private lastActivity = 0;
  private deadline = 0;
  private timer?: unknown;
  private clock: IdleClock = SYSTEM_CLOCK;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: IdleTimeoutOptions,
  ) {
    host.addController(this);
  }

  /** Whether the timeout is counting (signed in, with minutes above 0). */
  get active(): boolean {
    return this.watching;
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Starts counting idle time from now (again, if it was counting). Does nothing when the minutes are 0. */
  start(): void {
    this.stop();
    if (!(this.idleMs > 0)) return;
    this.clock = this.options.clock();
    this.watching = true;
    for (const type of ACTIVITY_EVENTS) document.addEventListener(type, this.onActivity, { capture: true, passive: true });
    this.lastActivity = this.clock.now();
    this.wait(this.idleMs);
  }

  /** Stops counting and hides the warning. */
  stop(): void {
    for (const type of ACTIVITY_EVENTS) document.removeEventListener(type, this.onActivity, { capture: true });
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.watching = false;
    this.setSecondsLeft(undefined);
  }

  /** The person is still there: hide the warning and count idle time from now. */
  stay(): void {
    if (!this.watching) return;
    this.lastActivity = this.clock.now();
    this.setSecondsLeft(undefined);
    this.wait(this.idleMs);
  }

  private get idleMs(): number {
    const minutes = this.options.minutes();
    return Number.isFinite(minutes) && minutes > 0 ? minutes * 60_000 : 0;
  }

  private readonly onActivity = (): void => {
    if (this.secondsLeft === undefined) this.lastActivity = this.clock.now();
  };

  private wait(ms: number, then: () => void = () => this.check()): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      then();
    }, Math.min(Math.max(ms, 0), MAX_TIMER_MS));
  }

  /** The timer fired: warn when the page has been idle long enough, else wait for the rest. */
  private check(): void {
    const idle = this.clock.now() - this.lastActivity;
    if (idle < this.idleMs) return this.wait(this.idleMs - idle);
    this.deadline = this.clock.now() + IDLE_WARNING_SECONDS * 1000;
    this.tick();
  }

  private tick(): void {
    const left = Math.ceil((this.deadline - this.clock.now()) / 1000);
    if (left <= 0) {
      this.stop();
      this.options.onTimeout();
      return;
    }
    this.setSecondsLeft(left);
    this.wait(Math.min(1000, this.deadline - this.clock.now()), () => this.tick());
  }

  private setSecondsLeft(value: number | undefined): void {
    if (this.secondsLeft === value) return;
    this.secondsLeft = value;
    this.host.requestUpdate();
  }
}
