import { noBody } from '../../modules/accounts/schemas.js';
import { confirmUpload } from '../../modules/storage/confirm-upload.js';
import { createUpload } from '../../modules/storage/create-upload.js';
import { getDownloadUrl } from '../../modules/storage/get-download-url.js';
import { getUpload } from '../../modules/storage/get-upload.js';
import { createUploadInput, uploadParams } from '../../modules/storage/schemas.js';
import { createdUploadSchema, downloadUrlSchema, uploadViewSchema } from '../../modules/storage/upload-view.js';
import { defineRoute } from '../route.js';

export const uploadRoutes = [
  defineRoute({
    method: 'post',
    path: '/uploads',
    tag: 'uploads',
    summary:
      'Start an upload: answers a presigned PUT (≤ 15 minutes) for exactly this content type and size; ' +
      'brands upload campaign assets, clippers submission clips (videos)',
    auth: 'user',
    body: createUploadInput,
    status: 201,
    // A retry gets the same upload and URL; once that URL has expired, the client starts a new upload.
    idempotent: true,
    response: createdUploadSchema,
    handle: ({ ctx, actor, body }) => createUpload(ctx, actor, body),
  }),
  defineRoute({
    method: 'post',
    path: '/uploads/:id/confirm',
    tag: 'uploads',
    summary: 'After the PUT: checks the stored file’s size and type, then the upload can be attached',
    auth: 'user',
    params: uploadParams,
    body: noBody,
    response: uploadViewSchema,
    handle: ({ ctx, actor, params }) => confirmUpload(ctx, actor, params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/uploads/:id',
    tag: 'uploads',
    summary: 'One upload (owner, admins, or those who may see what it is attached to)',
    auth: 'user',
    params: uploadParams,
    response: uploadViewSchema,
    handle: ({ ctx, actor, params }) => getUpload(ctx, actor, params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/uploads/:id/download',
    tag: 'uploads',
    summary: 'A presigned download URL (≤ 15 minutes) for a confirmed upload; follow it to get the file',
    auth: 'user',
    params: uploadParams,
    response: downloadUrlSchema,
    errors: { 409: 'The upload is not confirmed yet (CONFLICT).' },
    handle: ({ ctx, actor, params }) => getDownloadUrl(ctx, actor, params.id),
  }),
];
