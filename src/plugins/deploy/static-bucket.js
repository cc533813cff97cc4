// @ts-check
// S3: Architect's public website bucket becomes private and encrypted, readable only by this
// stack's CloudFront distribution (Origin Access Control, cloudfront.js) and only over TLS.
import { getAtt, ref, sub } from "./cfn.js";

/** @param {import("./cfn.js").DeployContext} context */
export function privateStaticBucket({ resources }) {
  resources.StaticBucket.Properties = {
    OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    },
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
    },
  };
  // The bucket holds only build output, which the next deploy uploads again: it goes with the stack.
  resources.StaticBucket.DeletionPolicy = "Delete";
  resources.StaticBucket.UpdateReplacePolicy = "Delete";
  const bucketObjects = sub("${StaticBucket.Arn}/*");
  resources.StaticBucketPolicy = {
    Type: "AWS::S3::BucketPolicy",
    Properties: {
      Bucket: ref("StaticBucket"),
      PolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "CloudFrontReadsThroughOriginAccessControl",
            Effect: "Allow",
            Principal: { Service: "cloudfront.amazonaws.com" },
            Action: "s3:GetObject",
            Resource: bucketObjects,
            Condition: {
              StringEquals: {
                "AWS:SourceArn": sub(
                  "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Distribution}",
                ),
              },
            },
          },
          {
            Sid: "TlsOnly",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [getAtt("StaticBucket", "Arn"), bucketObjects],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      },
    },
  };
}

/**
 * `arc destroy --force` finds the bucket to empty through this output (the name before the
 * first dot); without it the stack's deletion fails on a non-empty bucket.
 */
export function staticBucketOutputs() {
  return {
    BucketURL: {
      Description: "The private static bucket (not public; CloudFront reads it)",
      Value: sub("https://${StaticBucket}.s3.${AWS::Region}.amazonaws.com"),
    },
  };
}
