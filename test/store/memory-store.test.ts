import { createMemoryStore, testUserStore } from "signupkit/testing";
import { describe, it } from "vitest";

testUserStore(() => createMemoryStore(), { describe, it, name: "memory store" });
