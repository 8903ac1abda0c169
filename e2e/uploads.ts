/**
 * What the Files tests (and the screenshots) share: uploads through the e2e server's AWS API with the
 * official SDK clients and the bootstrap key, as a contact centre's integration sends them.
 */
import {
  CompleteAttachedFileUploadCommand,
  ConnectClient,
  ConnectServiceException,
  DescribeInstanceCommand,
  StartAttachedFileUploadCommand,
  StartChatContactCommand,
} from "@aws-sdk/client-connect";
import {
  CompleteAttachmentUploadCommand,
  ConnectParticipantClient,
  CreateParticipantConnectionCommand,
  StartAttachmentUploadCommand,
} from "@aws-sdk/client-connectparticipant";
import { PDF_BYTES, uploadTo } from "../src/test/files";
import { E2E_API_KEY } from "./accounts";

export { PDF_BYTES };

type TResource = "case" | "email" | "task";

/** The Connect and Participant clients of the e2e server; `close` when done. */
export function awsClients(baseURL: string | undefined) {
  const endpoint = `${baseURL}/api/aws`;
  const connect = new ConnectClient({ region: "us-east-1", endpoint, credentials: E2E_API_KEY, maxAttempts: 1 });
  // The participant API authenticates by its bearer token; SigV4 signs with anything.
  const participant = new ConnectParticipantClient({
    region: "us-east-1",
    endpoint,
    credentials: { accessKeyId: "AKIDPARTICIPANT", secretAccessKey: "not-an-api-key" },
    maxAttempts: 1,
  });
  const arns = new Map<string, string>();

  async function instanceArn(instanceId: string) {
    let arn = arns.get(instanceId);
    if (!arn) {
      const described = await connect.send(new DescribeInstanceCommand({ InstanceId: instanceId }));
      arn = described.Instance?.Arn as string;
      arns.set(instanceId, arn);
    }
    return arn;
  }
  const resourceArn = async (instanceId: string, resource: TResource) =>
    `${await instanceArn(instanceId)}/${resource}/${resource}-${Math.random().toString(36).slice(2, 10)}`;

  return {
    /** Start, PUT to the signed URL, complete: the file's status once checked. */
    async upload(
      instanceId: string,
      {
        fileName,
        bytes = PDF_BYTES,
        resource = "case",
      }: { fileName: string; bytes?: Uint8Array; resource?: TResource },
    ) {
      const arn = await resourceArn(instanceId, resource);
      const started = await connect.send(
        new StartAttachedFileUploadCommand({
          InstanceId: instanceId,
          AssociatedResourceArn: arn,
          FileName: fileName,
          FileSizeInBytes: bytes.byteLength,
          FileUseCaseType: "ATTACHMENT",
          CreatedBy: { ConnectUserArn: `${await instanceArn(instanceId)}/agent/ada-lovelace` },
        }),
      );
      const put = await uploadTo(started.UploadUrlMetadata, bytes);
      if (!put.ok) throw new Error(`upload of ${fileName} failed: ${put.status} ${await put.text()}`);
      await connect.send(
        new CompleteAttachedFileUploadCommand({
          InstanceId: instanceId,
          FileId: started.FileId,
          AssociatedResourceArn: arn,
        }),
      );
      return started.FileId as string;
    },

    /** A start the scope's policy refuses: the reason the API gave (it is kept as a REJECTED file). */
    async refusedUpload(
      instanceId: string,
      {
        fileName,
        sizeInBytes = 2048,
        resource = "case",
      }: { fileName: string; sizeInBytes?: number; resource?: TResource },
    ) {
      try {
        await connect.send(
          new StartAttachedFileUploadCommand({
            InstanceId: instanceId,
            AssociatedResourceArn: await resourceArn(instanceId, resource),
            FileName: fileName,
            FileSizeInBytes: sizeInBytes,
            FileUseCaseType: "ATTACHMENT",
          }),
        );
      } catch (error) {
        if (!(error instanceof ConnectServiceException)) throw error;
        return (error as { Reason?: Record<string, string> }).Reason?.AttachedFileInvalidRequestExceptionReason;
      }
      throw new Error(`${fileName} was not refused`);
    },

    /** A chat attachment: a new chat, a participant connection, then start, PUT and complete. */
    async chatUpload(instanceId: string, { fileName, bytes = PDF_BYTES }: { fileName: string; bytes?: Uint8Array }) {
      const chat = await connect.send(
        new StartChatContactCommand({
          InstanceId: instanceId,
          ContactFlowId: "support-flow",
          ParticipantDetails: { DisplayName: "Grace" },
        }),
      );
      const connection = await participant.send(
        new CreateParticipantConnectionCommand({
          ParticipantToken: chat.ParticipantToken,
          Type: ["CONNECTION_CREDENTIALS"],
        }),
      );
      const token = connection.ConnectionCredentials?.ConnectionToken as string;
      const started = await participant.send(
        new StartAttachmentUploadCommand({
          ConnectionToken: token,
          AttachmentName: fileName,
          AttachmentSizeInBytes: bytes.byteLength,
          ContentType: "application/pdf",
        }),
      );
      const put = await uploadTo(started.UploadMetadata, bytes);
      if (!put.ok) throw new Error(`chat upload of ${fileName} failed: ${put.status}`);
      await participant.send(
        new CompleteAttachmentUploadCommand({
          ConnectionToken: token,
          AttachmentIds: [started.AttachmentId as string],
        }),
      );
      return started.AttachmentId as string;
    },

    close() {
      connect.destroy();
      participant.destroy();
    },
  };
}
