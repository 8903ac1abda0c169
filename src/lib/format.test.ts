import { describe, expect, it } from "vitest";
import {
  BYTE_UNITS_NOTE,
  formatBytes,
  formatBytesPair,
  formatDateTime,
  formatExactBytes,
  formatExactDateTime,
  UNKNOWN_DATE,
} from "./format";

describe("formatBytes", () => {
  it("uses binary units and drops needless decimals", () => {
    expect(formatBytes(20_971_520)).toBe("20 MB");
    expect(formatBytes(5_242_880)).toBe("5 MB");
    expect(formatBytes(104_857_600)).toBe("100 MB");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(1024)).toBe("1 KB");
    expect(formatBytes(1_288_490)).toBe("1.23 MB");
    expect(formatBytes(10_500_000)).toBe("10 MB");
  });

  it("counts bytes below 1 KB exactly, in the singular for one", () => {
    expect(formatBytes(1023)).toBe("1,023 bytes");
    expect(formatBytes(900)).toBe("900 bytes");
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(0)).toBe("0 bytes");
  });

  it("goes up to GB", () => {
    expect(formatBytes(1024 ** 3)).toBe("1 GB");
    expect(formatBytes(100 * 1024 ** 3)).toBe("100 GB");
    expect(formatBytes(1.5 * 1024 ** 3)).toBe("1.5 GB");
    expect(formatBytes(2048 * 1024 ** 3)).toBe("2,048 GB");
  });

  it("says the next unit up rather than 1,024 of a unit", () => {
    expect(formatBytes(1_048_575)).toBe("1 MB");
    expect(formatBytes(1024 ** 3 - 1)).toBe("1 GB");
  });
});

describe("formatExactBytes", () => {
  it("groups digits in threes and says byte for one", () => {
    expect(formatExactBytes(5_242_880)).toBe("5,242,880 bytes");
    expect(formatExactBytes(104_857_600)).toBe("104,857,600 bytes");
    expect(formatExactBytes(1)).toBe("1 byte");
    expect(formatExactBytes(0)).toBe("0 bytes");
  });
});

describe("formatBytesPair", () => {
  it("gives exact bytes when two different sizes would both read 10 MB", () => {
    expect(formatBytesPair(10_500_000, 10_485_760)).toEqual(["10,500,000 bytes", "10,485,760 bytes (10 MB)"]);
    expect(formatBytesPair(20_971_521, 20_971_520)).toEqual(["20,971,521 bytes", "20,971,520 bytes (20 MB)"]);
    expect(formatBytesPair(1_048_575, 1_048_576)).toEqual(["1,048,575 bytes", "1,048,576 bytes (1 MB)"]);
  });

  it("keeps rounded sizes when they already read differently, or when they are equal", () => {
    expect(formatBytesPair(11_534_336, 10_485_760)).toEqual(["11 MB", "10 MB"]);
    expect(formatBytesPair(1001, 1000)).toEqual(["1,001 bytes", "1,000 bytes"]);
    expect(formatBytesPair(5_242_880, 5_242_880)).toEqual(["5 MB", "5 MB"]);
  });

  it("shows the shared rounded form once, with the second size", () => {
    const [first, second] = formatBytesPair(2047, 2048);
    expect([first, second]).toEqual(["2,047 bytes", "2,048 bytes (2 KB)"]);
    expect(first).not.toContain("KB");
  });
});

it("BYTE_UNITS_NOTE says what KB and MB mean", () => {
  expect(BYTE_UNITS_NOTE).toBe("1 KB = 1,024 bytes; 1 MB = 1,048,576 bytes.");
});

describe("formatDateTime", () => {
  const moment = new Date("2026-11-26T14:05:07Z");

  it("gives date, hours and minutes with the short time zone name", () => {
    expect(formatDateTime(moment, { timeZone: "UTC", locale: "en-GB" })).toBe("26 Nov 2026, 14:05 UTC");
    expect(formatDateTime(moment, { timeZone: "America/New_York", locale: "en-US" })).toBe("Nov 26, 2026, 9:05 AM EST");
  });

  it("shows the moment in the time zone asked for, across a date line", () => {
    expect(formatDateTime(new Date("2026-11-26T23:30:00Z"), { timeZone: "Asia/Tokyo", locale: "en-GB" })).toBe(
      "27 Nov 2026, 08:30 GMT+9",
    );
  });

  it("accepts ISO strings and epoch milliseconds as the same moment", () => {
    const options = { timeZone: "UTC", locale: "en-GB" };
    expect(formatDateTime("2026-11-26T14:05:07Z", options)).toBe(formatDateTime(moment, options));
    expect(formatDateTime(moment.getTime(), options)).toBe(formatDateTime(moment, options));
  });

  it("says so instead of throwing for a date that is not one", () => {
    expect(formatDateTime("yesterday-ish", { timeZone: "UTC" })).toBe(UNKNOWN_DATE);
    expect(formatExactDateTime(new Date(Number.NaN))).toBe(UNKNOWN_DATE);
  });

  it("always names the time zone, whatever the runtime's locale", () => {
    expect(formatDateTime(moment, { timeZone: "UTC" })).toContain("UTC");
  });
});

describe("formatExactDateTime", () => {
  it("gives the full date, seconds and the long time zone name", () => {
    expect(formatExactDateTime(new Date("2026-11-26T14:05:07Z"), { timeZone: "UTC", locale: "en-GB" })).toBe(
      "Thursday, 26 November 2026 at 14:05:07 Coordinated Universal Time",
    );
    expect(
      formatExactDateTime(new Date("2026-07-04T14:05:07Z"), { timeZone: "America/New_York", locale: "en-US" }),
    ).toBe("Saturday, July 4, 2026 at 10:05:07 AM Eastern Daylight Time");
  });
});
