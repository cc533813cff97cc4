// The private static bucket (src/plugins/deploy/static-bucket.js), and what Architect's public
// static hosting left behind.
import { expect, test } from "vitest";
import { type Json, lambda, resource, STAGES, template } from "./templates.ts";

test.each(STAGES)(
  "%s: the bucket blocks public access, has no website hosting, is encrypted and only this distribution may read it",
  (stage) => {
    const bucket = resource(stage, "StaticBucket").Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.WebsiteConfiguration).toBeUndefined();
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } },
    ]);
    const [allow, ...denies] = resource(stage, "StaticBucketPolicy").Properties.PolicyDocument.Statement;
    expect(allow).toMatchObject({
      Effect: "Allow",
      Principal: { Service: "cloudfront.amazonaws.com" },
      Action: "s3:GetObject",
    });
    expect(allow.Condition).toEqual({
      StringEquals: {
        "AWS:SourceArn": {
          "Fn::Sub": "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Distribution}",
        },
      },
    });
    expect(denies.every((statement: Json) => statement.Effect === "Deny")).toBe(true);
    // arc destroy --force empties the bucket it finds through this output, before deleting the stack.
    const bucketUrl = template(stage).Outputs.BucketURL.Value["Fn::Sub"];
    expect(bucketUrl).toBe("https://${StaticBucket}.s3.${AWS::Region}.amazonaws.com");
    expect(bucketUrl.replace("https://", "").split(".")[0]).toBe("${StaticBucket}");
  },
);

test.each(STAGES)(
  "%s: Architect's static proxy route, SSM parameters and bucket access for the Lambda are gone",
  (stage) => {
    expect(Object.keys(resource(stage, "HTTP").Properties.DefinitionBody.paths)).toEqual(["/{proxy+}"]);
    const types = Object.values(template(stage).Resources).map((r: Json) => r.Type);
    expect(types).not.toContain("AWS::SSM::Parameter");
    expect(template(stage).Resources.ParameterStorePolicy).toBeUndefined();
    expect(JSON.stringify(resource(stage, "Role"))).not.toMatch(/s3:|ssm:/);
    expect(lambda(stage).Environment.Variables.ARC_STATIC_BUCKET).toBeUndefined();
  },
);
