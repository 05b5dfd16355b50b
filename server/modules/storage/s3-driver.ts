import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Clock } from '../../shared/clock.js';
import {
  attachmentDisposition,
  type PresignedGet,
  type PresignedPut,
  type StorageDriver,
  type StoredObject,
} from './storage-driver.js';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** Another S3-API service (MinIO, R2, s3rver in tests); unset means AWS. */
  endpoint?: string;
  forcePathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  clock: Clock;
}

/**
 * Objects in an S3 bucket. Presigned PUTs sign Content-Type and Content-Length, so S3 refuses a body of another
 * type or size; presigned GETs sign the download's Content-Disposition.
 */
export class S3Storage implements StorageDriver {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly options: S3StorageOptions) {
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // Default CRC32 checksums would be signed into presigned URLs for an empty body and break every upload.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  async presignPut(input: {
    key: string;
    contentType: string;
    sizeBytes: number;
    expiresInSeconds: number;
  }): Promise<PresignedPut> {
    const signingDate = this.options.clock.now();
    const command = new PutObjectCommand({
      Bucket: this.options.bucket,
      Key: input.key,
      ContentType: input.contentType,
      ContentLength: input.sizeBytes,
      // Write-once: S3 refuses a second PUT to the key, so a confirmed file cannot be swapped while the URL lives.
      IfNoneMatch: '*',
    });
    const url = await getSignedUrl(this.client, command, {
      expiresIn: input.expiresInSeconds,
      signingDate,
      // The presigner leaves Content-Type unsigned by default; signing both pins the upload to what was declared.
      signableHeaders: new Set(['content-type', 'content-length', 'if-none-match']),
    });
    return {
      url,
      method: 'PUT',
      // Content-Length is signed too; HTTP clients send it from the body, which must be exactly sizeBytes.
      headers: { 'Content-Type': input.contentType, 'If-None-Match': '*' },
      expiresAt: new Date(signingDate.getTime() + input.expiresInSeconds * 1000),
    };
  }

  async head(key: string): Promise<StoredObject | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: key }));
      return {
        sizeBytes: Number(head.ContentLength ?? 0),
        contentType: head.ContentType ?? 'application/octet-stream',
      };
    } catch (error) {
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 whether or not the key existed.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }

  async presignGet(input: {
    key: string;
    expiresInSeconds: number;
    filename: string;
    contentType: string;
  }): Promise<PresignedGet> {
    const signingDate = this.options.clock.now();
    const command = new GetObjectCommand({
      Bucket: this.options.bucket,
      Key: input.key,
      ResponseContentDisposition: attachmentDisposition(input.filename),
      ResponseContentType: input.contentType,
    });
    const url = await getSignedUrl(this.client, command, { expiresIn: input.expiresInSeconds, signingDate });
    return { url, expiresAt: new Date(signingDate.getTime() + input.expiresInSeconds * 1000) };
  }
}
