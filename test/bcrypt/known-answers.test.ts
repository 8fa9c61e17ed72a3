import { verify as rawVerify } from "@node-rs/bcrypt";
import { createBcryptHasher } from "signupkit/bcrypt";
import { describe, expect, it } from "vitest";

// Published vectors: pyca/bcrypt tests/test_bcrypt.py ($2b$) and Openwall crypt_blowfish / John the Ripper ($2a$).
const VECTORS: readonly (readonly [password: string, hash: string])[] = [
  ["Kk4DQuMMfZL9o", "$2b$04$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm"],
  ["9IeRXmnGxMYbs", "$2b$04$pQ7gRO7e6wx/936oXhNjrOUNOHL1D0h1N2IDbJZYs.1ppzSof6SPy"],
  ["xVQVbwa1S0M8r", "$2b$04$SQe9knOzepOVKoYXo9xTteNYr6MBwVz4tpriJVe3PNgYufGIsgKcW"],
  ["Zfgr26LWd22Za", "$2b$04$eH8zX.q5Q.j2hO1NkVYJQOM6KxntS/ow3.YzVmFrE4t//CoF4fvne"],
  ["dEe6XfVGrrfSH", "$2b$04$2Siw3Nv3Q/gTOIPetAyPr.GNj3aO0lb1E5E9UumYGKjP9BYqlNWJe"],
  ["J8eHUDuxBB520", "$2b$04$VvlCUKbTMjaxaYJ.k5juoecpG/7IzcH1AkmqKi.lIZMVIOLClWAk."],
  ["U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"],
  ["U*U*", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK"],
  ["U*U*U", "$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a"],
  ["", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy"],
];

// Openwall's long-password vector: bcrypt of the first 72 bytes of a 98-byte password.
const LONG_72 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const LONG_FULL = `${LONG_72}chars after 72 are ignored`;
const LONG_HASH = "$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui";

const hasher = createBcryptHasher({ cost: 4 });

describe("bcrypt hasher: published known-answer vectors", () => {
  it.each(VECTORS)("verifies %j against its published hash", async (password, hash) => {
    await expect(hasher.verify(password, hash)).resolves.toBe(true);
  });

  it.each(VECTORS)("rejects a wrong password for the hash of %j", async (password, hash) => {
    await expect(hasher.verify(`${password}x`, hash)).resolves.toBe(false);
    await expect(hasher.verify(`X${password}`, hash)).resolves.toBe(false);
  });

  it("rejects the pyca/bcrypt wrong-password case", async () => {
    await expect(
      hasher.verify("badpass", "$2b$04$2Siw3Nv3Q/gTOIPetAyPr.GNj3aO0lb1E5E9UumYGKjP9BYqlNWJe"),
    ).resolves.toBe(false);
  });

  it("verifies the long-password vector with its 72-byte prefix only", async () => {
    expect(new TextEncoder().encode(LONG_72).length).toBe(72);
    await expect(hasher.verify(LONG_72, LONG_HASH)).resolves.toBe(true);
    // Plain bcrypt truncates and would accept the 98-byte password; the adapter must not.
    await expect(rawVerify(LONG_FULL, LONG_HASH)).resolves.toBe(true);
    await expect(hasher.verify(LONG_FULL, LONG_HASH)).resolves.toBe(false);
  });

  it("answers false for strings that are not bcrypt hashes", async () => {
    for (const stored of ["", "not a hash", "$sk1$", "$sk1$garbage", "$2b$04$short", "$argon2id$v=19$m=1"]) {
      await expect(hasher.verify("password", stored)).resolves.toBe(false);
    }
  });
});
