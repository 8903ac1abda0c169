import { describe, expect, it } from "vitest";
import { connectErrors } from "../connect/errors";
import { CONNECT_OPERATIONS } from "../connect/operations";
import { PARTICIPANT_OPERATIONS } from "../participant/operations";
import { AwsError, awsErrorResponse } from "./errors";
import { createRouter } from "./router";

const match = createRouter([...CONNECT_OPERATIONS, ...PARTICIPANT_OPERATIONS]);

function unknown(method: string, path: string) {
  try {
    match(method, path);
  } catch (error) {
    if (error instanceof AwsError) return error.errorName;
    throw error;
  }
  return "matched";
}

describe("the AWS route table", () => {
  it("routes by method and path", () => {
    expect(match("POST", "/attached-files-configurations/i-1/CHAT").operation.name).toBe(
      "UpdateAttachedFilesConfiguration",
    );
    expect(match("GET", "/attached-files-configurations/i-1/CHAT").operation.name).toBe(
      "DescribeAttachedFilesConfiguration",
    );
    expect(match("GET", "/attached-files-configurations/i-1").operation.name).toBe("ListAttachedFilesConfigurations");
    expect(match("GET", "/instance").operation.name).toBe("ListInstances");
    expect(match("GET", "/instance/i-1").operation.name).toBe("DescribeInstance");
  });

  it("routes the attached-file, chat and participant operations (spec §4)", () => {
    const routes: Array<[string, string, string]> = [
      ["PUT", "/attached-files/i-1", "StartAttachedFileUpload"],
      ["POST", "/attached-files/i-1", "BatchGetAttachedFileMetadata"],
      ["PUT", "/attached-files/i-1/files", "CreateAttachedFile"],
      ["POST", "/attached-files/i-1/f-1", "CompleteAttachedFileUpload"],
      ["GET", "/attached-files/i-1/f-1", "GetAttachedFile"],
      ["DELETE", "/attached-files/i-1/f-1", "DeleteAttachedFile"],
      ["PUT", "/contact/chat", "StartChatContact"],
      ["POST", "/participant/connection", "CreateParticipantConnection"],
      ["POST", "/participant/start-attachment-upload", "StartAttachmentUpload"],
      ["POST", "/participant/complete-attachment-upload", "CompleteAttachmentUpload"],
      ["POST", "/participant/attachment", "GetAttachment"],
    ];
    for (const [method, path, name] of routes)
      expect(match(method, path).operation.name, `${method} ${path}`).toBe(name);
  });

  it("splits on / before decoding each label", () => {
    const { labels } = match("GET", "/attached-files-configurations/inst%201%2Fx/CHAT");
    expect(labels).toEqual({ InstanceId: "inst 1/x", AttachmentScope: "CHAT" });
    const arn = match("GET", "/instance/arn%3Aaws%3Aconnect%3Aus-east-1%3A1%3Ainstance%2Fabc");
    expect(arn.labels.InstanceId).toBe("arn:aws:connect:us-east-1:1:instance/abc");
  });

  it("keeps empty labels, so the operation can reject them as invalid members", () => {
    expect(match("GET", "/attached-files-configurations/i-1/").labels).toEqual({
      InstanceId: "i-1",
      AttachmentScope: "",
    });
    expect(match("GET", "/instance/").labels).toEqual({ InstanceId: "" });
  });

  it("answers a known path with a method it does not serve with 405 and the methods it does serve", () => {
    const refusal = (method: string, path: string) => {
      try {
        match(method, path);
      } catch (error) {
        if (error instanceof AwsError) {
          const { status } = awsErrorResponse(error, "request", connectErrors);
          return { status, allow: error.allow, message: error.message };
        }
        throw error;
      }
      return null;
    };
    expect(refusal("POST", "/instance")).toEqual({
      status: 405,
      allow: ["GET"],
      message: "POST is not supported on /instance; use GET.",
    });
    expect(refusal("DELETE", "/attached-files-configurations/i-1/CHAT")).toMatchObject({
      status: 405,
      allow: ["GET", "POST"],
    });
    expect(refusal("GET", "/nothing")).toMatchObject({ status: 404, allow: undefined });
  });

  it("answers UnknownOperationException for other paths, methods and broken encodings", () => {
    expect(unknown("DELETE", "/attached-files-configurations/i-1/CHAT")).toBe("UnknownOperationException");
    expect(unknown("GET", "/attached-files-configurations/i-1/CHAT/extra")).toBe("UnknownOperationException");
    expect(unknown("GET", "/nothing")).toBe("UnknownOperationException");
    expect(unknown("GET", "/instance/%E0%A4%A")).toBe("UnknownOperationException");
    expect(unknown("GET", "")).toBe("UnknownOperationException");
  });
});
