import { describe, expect, it } from "vitest";
import { creatorLabel, reasonLabel, scopeLabel, statusOption } from "./labels";

describe("labels", () => {
  it("names every reason Attache records, and shows an unknown code as it is", () => {
    expect(
      ["INVALID_FILE_TYPE", "INVALID_FILE_SIZE", "INVALID_FILE_NAME", "SCANNER", "EXPIRED", "INTERNAL"].map(
        reasonLabel,
      ),
    ).toEqual([
      "Type not allowed",
      "Size not allowed",
      "Name not accepted",
      "Malware scan",
      "Upload not completed",
      "Could not be checked",
    ]);
    expect(reasonLabel("QUOTA")).toBe("QUOTA");
  });

  it("gives each status its badge tone, and a recording its missing scope", () => {
    expect(statusOption("APPROVED")).toMatchObject({ label: "Approved", tone: "success" });
    expect(statusOption("REJECTED")).toMatchObject({ label: "Rejected", tone: "danger" });
    expect(scopeLabel("CASE")).toBe("Cases");
    expect(scopeLabel(null)).toBe("No scope (recording)");
  });

  it("shortens an agent's ARN and leaves any other creator as it is", () => {
    const arn = "arn:aws:connect:us-east-1:000000000000:instance/6f0c1d3e-8a52-4c1b-9d7e-2b4a5c6d7e8f/agent/ada";
    expect(creatorLabel(arn)).toEqual({ text: "Agent ada", title: arn });
    expect(creatorLabel(`${arn}/extra`)).toEqual({ text: `${arn}/extra` });
    expect(creatorLabel("Chat participant Grace")).toEqual({ text: "Chat participant Grace" });
  });
});
