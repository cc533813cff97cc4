import { describe, expect, it } from "vitest";
import { formatCount } from "#src/format-count.ts";

describe("formatCount", () => {
  it("groups digits as en-US does", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(1000)).toBe("1,000");
    expect(formatCount(5000)).toBe("5,000");
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCount(-1234)).toBe("-1,234");
  });

  it("agrees with Intl for whole numbers of every length", () => {
    for (let digits = 1; digits <= 16; digits += 1) {
      for (const value of [10 ** (digits - 1), 10 ** digits - 1, Math.floor(10 ** digits / 7)]) {
        if (!Number.isSafeInteger(value)) continue;
        expect(formatCount(value)).toBe(value.toLocaleString("en-US"));
        expect(formatCount(-value)).toBe((-value).toLocaleString("en-US"));
      }
    }
  });

  it("leaves other numbers as JavaScript writes them", () => {
    expect(formatCount(1.5)).toBe("1.5");
    expect(formatCount(Number.NaN)).toBe("NaN");
  });
});
