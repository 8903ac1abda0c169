import { describe, expect, it } from "vitest";
import { expiryProblem } from "@/server/api-keys/api-key-schemas";
import { dateInputValue, expiryFromChoice, formatDuration, formatTimeLeft, graceUntil, keyState } from "./key-status";

const now = new Date("2030-06-15T12:00:00.000Z");
const later = (ms: number) => new Date(now.getTime() + ms);
const HOUR = 60 * 60_000;

describe("formatTimeLeft", () => {
  it("says minutes (rounded down), then hours up to two days, then days (both to the nearest)", () => {
    expect(formatTimeLeft(30_000)).toBe("in less than a minute");
    expect(formatTimeLeft(60_000)).toBe("in 1 minute");
    expect(formatTimeLeft(59 * 60_000)).toBe("in 59 minutes");
    expect(formatTimeLeft(HOUR)).toBe("in 1 hour");
    expect(formatTimeLeft(47.4 * HOUR)).toBe("in 47 hours");
    expect(formatTimeLeft(30 * 24 * HOUR - 5 * 60_000)).toBe("in 30 days");
    expect(formatTimeLeft(48 * HOUR)).toBe("in 2 days");
    expect(formatTimeLeft(365 * 24 * HOUR)).toBe("in 365 days");
    expect(formatDuration(23.9 * HOUR)).toBe("24 hours");
  });
});

describe("keyState and graceUntil", () => {
  const key = { revokedAt: null, expiresAt: null, previousSecretExpiresAt: null };

  it("tells active, expired (at the moment itself) and revoked keys apart", () => {
    expect(keyState(key, now)).toBe("active");
    expect(keyState({ ...key, expiresAt: later(1) }, now)).toBe("active");
    expect(keyState({ ...key, expiresAt: now }, now)).toBe("expired");
    expect(keyState({ ...key, expiresAt: later(-1), revokedAt: later(-2) }, now)).toBe("revoked");
  });

  it("gives the grace period's end only while it runs and the key is not revoked", () => {
    expect(graceUntil({ ...key, previousSecretExpiresAt: later(HOUR) }, now)).toEqual(later(HOUR));
    expect(graceUntil({ ...key, previousSecretExpiresAt: now }, now)).toBeNull();
    expect(graceUntil({ ...key, previousSecretExpiresAt: later(HOUR), revokedAt: now }, now)).toBeNull();
    expect(graceUntil(key, now)).toBeNull();
  });
});

describe("expiryFromChoice", () => {
  it("is none, a number of days from now, or the end of the chosen local day", () => {
    expect(expiryFromChoice("never", "", now)).toBeNull();
    expect(expiryFromChoice("30", "", now)).toEqual(later(30 * 24 * HOUR));
    expect(expiryFromChoice("365", "", now)).toEqual(later(365 * 24 * HOUR));
    const endOfDay = expiryFromChoice("date", "2030-07-01", now);
    expect(endOfDay).toEqual(new Date(2030, 6, 1, 23, 59, 59, 999));
    expect(dateInputValue(endOfDay as Date)).toBe("2030-07-01");
    expect(expiryFromChoice("date", "", now)?.getTime()).toBeNaN();
  });

  it("gives what the schema accepts for every preset, and names a bad date", () => {
    for (const choice of ["30", "90", "365"] as const) {
      expect(expiryProblem(expiryFromChoice(choice, "", now) as Date, now)).toBeNull();
    }
    expect(expiryProblem(expiryFromChoice("date", "2030-06-14", now) as Date, now)).toBe(
      "The expiry must be in the future.",
    );
    expect(expiryProblem(expiryFromChoice("date", "2033-01-01", now) as Date, now)).toBe(
      "A key can expire at most 2 years from now.",
    );
    expect(expiryProblem(expiryFromChoice("date", "nonsense", now) as Date, now)).toBe("Choose a valid expiry date.");
  });
});
