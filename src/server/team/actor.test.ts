import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { assertActorRole, type TApiKeyActor, type TUserActor } from "./team";

const apiKey: TApiKeyActor = {
  kind: "apiKey",
  apiKeyId: "k",
  teamId: "t",
  label: "API key",
  allInstances: true,
  instanceIds: [],
};
const user = (role: TUserActor["role"]): TUserActor => ({ kind: "user", userId: "u", teamId: "t", role, label: "u" });

describe("assertActorRole", () => {
  it("lets users act at their role or below", () => {
    expect(() => assertActorRole(user("editor"), "editor")).not.toThrow();
    expect(() => assertActorRole(user("editor"), "admin")).toThrow(AppError);
    expect(() => assertActorRole(user("viewer"), "editor")).toThrow("you are viewer");
  });

  it("lets API keys act as editors at most: never what needs an admin or owner", () => {
    expect(() => assertActorRole(apiKey, "editor")).not.toThrow();
    expect(() => assertActorRole(apiKey, "admin")).toThrow("API keys cannot do this");
    expect(() => assertActorRole(apiKey, "owner")).toThrow(AppError);
  });
});
